package io.governor.streams.store;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An in-memory key-value store whose range scans cost what they read. Kafka's own in-memory store copies the
 * whole key range into a new set on every range query, so reading the head of a 60,000-deep waiting group costs
 * 60,000 steps; the governor reads heads constantly. A skip list's iterators are lazy and tolerate writes
 * during iteration, like RocksDB's. Used where state need not survive the process: the simulator and
 * TopologyTestDriver tests (changelogging still wraps it when enabled).
 */
public final class SkipListStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;

    public SkipListStoreSupplier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new Store(name);
    }

    @Override
    public String metricsScope() {
        return "in-memory";
    }

    private static final class Store implements KeyValueStore<Bytes, byte[]> {
        private final String name;
        private final ConcurrentSkipListMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
        private final Position position = Position.emptyPosition();
        private volatile boolean open;

        Store(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            if (root != null) {
                context.register(root, (key, value) -> {
                    if (value == null) {
                        map.remove(Bytes.wrap(key));
                    } else {
                        map.put(Bytes.wrap(key), value);
                    }
                });
            }
            open = true;
        }

        @Override
        public void put(Bytes key, byte[] value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            byte[] old = map.get(key);
            if (old == null) {
                put(key, value);
            }
            return old;
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            entries.forEach(e -> put(e.key, e.value));
        }

        @Override
        public byte[] delete(Bytes key) {
            return map.remove(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return iterate(bounded(from, to));
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return iterate(bounded(from, to).descendingMap());
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return iterate(map);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return iterate(map.descendingMap());
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            return iterate(KeyPrefix.of(map, serializer.serialize(null, prefix)));
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public Position getPosition() {
            return position;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        private NavigableMap<Bytes, byte[]> bounded(Bytes from, Bytes to) {
            if (from == null && to == null) {
                return map;
            }
            if (from == null) {
                return map.headMap(to, true);
            }
            if (to == null) {
                return map.tailMap(from, true);
            }
            if (from.compareTo(to) > 0) {
                return new ConcurrentSkipListMap<>();
            }
            return map.subMap(from, true, to, true);
        }

        private static KeyValueIterator<Bytes, byte[]> iterate(Map<Bytes, byte[]> view) {
            Iterator<Map.Entry<Bytes, byte[]>> it = view.entrySet().iterator();
            return new KeyValueIterator<>() {
                private Map.Entry<Bytes, byte[]> next = advance();

                private Map.Entry<Bytes, byte[]> advance() {
                    return it.hasNext() ? it.next() : null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public KeyValue<Bytes, byte[]> next() {
                    if (next == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    var current = KeyValue.pair(next.getKey(), next.getValue());
                    next = advance();
                    return current;
                }

                @Override
                public Bytes peekNextKey() {
                    if (next == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    return next.getKey();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
