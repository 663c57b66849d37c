package io.governor.streams.http;

import io.governor.streams.observe.QuotaStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The quota store through Kafka Streams' interactive queries: the owner of an account is the active host of its
 * key in {@link QuotaStore#STORE}, as every instance learns from the group's metadata ({@code application.server}).
 */
public final class StreamsQuotaDirectory implements QuotaDirectory {
    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final StringSerializer keys = new StringSerializer();

    /**
     * {@code streams} may answer null until the application is created; {@code self} is its application.server,
     * known once the endpoint has bound its port.
     */
    public StreamsQuotaDirectory(Supplier<KafkaStreams> streams, Supplier<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Location locate(String account) {
        KafkaStreams s = streams.get();
        if (s == null) {
            return new Location.Unavailable("the governor is starting");
        }
        KeyQueryMetadata meta;
        try {
            meta = s.queryMetadataForKey(QuotaStore.STORE, account, keys);
        } catch (IllegalStateException e) {
            return new Location.Unavailable("the governor is " + s.state() + ": " + e.getMessage());
        }
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta) || meta.activeHost() == null
                || meta.activeHost().port() < 0) {
            return new Location.Unavailable("no instance owns the account's partition right now (state "
                    + s.state() + ")");
        }
        HostInfo owner = meta.activeHost();
        return owner.equals(self.get()) ? new Location.Here() : new Location.Remote(owner.host(), owner.port());
    }

    @Override
    public Optional<String> local(String account) throws UnavailableException {
        ReadOnlyKeyValueStore<String, String> store = store();
        try {
            return Optional.ofNullable(store.get(account));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("the quota store is being moved: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> allLocal() throws UnavailableException {
        List<String> all = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store().all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                all.add(kv.value);
            }
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("the quota store is being moved: " + e.getMessage(), e);
        }
        return all;
    }

    @Override
    public List<Location.Remote> others() throws UnavailableException {
        KafkaStreams s = streams.get();
        if (s == null) {
            throw new UnavailableException("the governor is starting", null);
        }
        List<Location.Remote> others = new ArrayList<>();
        for (StreamsMetadata m : s.streamsMetadataForStore(QuotaStore.STORE)) {
            HostInfo h = m.hostInfo();
            if (!h.equals(self.get()) && h.port() >= 0) {
                others.add(new Location.Remote(h.host(), h.port()));
            }
        }
        return others;
    }

    private ReadOnlyKeyValueStore<String, String> store() throws UnavailableException {
        KafkaStreams s = streams.get();
        if (s == null) {
            throw new UnavailableException("the governor is starting", null);
        }
        try {
            return s.store(StoreQueryParameters.fromNameAndType(QuotaStore.STORE,
                    QueryableStoreTypes.<String, String>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("the quota store is not ready (state " + s.state() + "): "
                    + e.getMessage(), e);
        }
    }
}
