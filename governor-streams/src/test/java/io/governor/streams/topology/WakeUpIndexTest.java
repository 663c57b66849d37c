package io.governor.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.governor.streams.store.SkipListStoreSupplier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wake-up index reads from a remembered floor; on both store backends it must still see every due account. */
class WakeUpIndexTest {
    @TempDir
    Path dir;
    private final List<KeyValueStore<Bytes, byte[]>> opened = new ArrayList<>();

    private WakeUpIndex index(boolean rocksDb) {
        KeyValueBytesStoreSupplier supplier = rocksDb
                ? Stores.persistentKeyValueStore(WakeUpIndex.STORE) : new SkipListStoreSupplier(WakeUpIndex.STORE);
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wake-ups");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        var context = new MockProcessorContext<>(props, new TaskId(0, 0), dir.resolve("s" + opened.size()).toFile());
        store.init(context.getStateStoreContext(), store);
        opened.add(store);
        return new WakeUpIndex(store);
    }

    @AfterEach
    void close() {
        opened.forEach(KeyValueStore::close);
    }

    @ParameterizedTest(name = "rocksDb={0}")
    @ValueSource(booleans = {false, true})
    void shouldSeeAnAccountScheduledBelowTheLastDueRead(boolean rocksDb) {
        WakeUpIndex index = index(rocksDb);
        index.schedule("a", 100);
        index.schedule("b", 200);
        assertEquals(List.of("a"), index.due(150));
        index.schedule("a", 300);
        assertEquals(List.of(), index.due(150));
        index.schedule("c", 50);
        assertEquals(List.of("c"), index.due(150));
        index.schedule("c", Long.MAX_VALUE);
        index.schedule("b", Long.MAX_VALUE);
        index.schedule("a", Long.MAX_VALUE);
        assertEquals(List.of(), index.due(1_000));
        index.schedule("d", 10);
        assertEquals(List.of("d"), index.due(1_000), "an index emptied and refilled below its last read");
    }

    @ParameterizedTest(name = "rocksDb={0}")
    @ValueSource(booleans = {false, true})
    void shouldAgreeWithAnOrderedModelUnderRandomSchedules(boolean rocksDb) {
        WakeUpIndex index = index(rocksDb);
        Map<String, Long> at = new HashMap<>();
        Random random = new Random(11);
        long now = 0;
        for (int step = 0; step < 3_000; step++) {
            String account = "acct-" + random.nextInt(40);
            int op = random.nextInt(10);
            long when = op < 7 ? now - 30 + random.nextInt(100) : Long.MAX_VALUE;
            index.schedule(account, when);
            if (when == Long.MAX_VALUE) {
                at.remove(account);
            } else {
                at.put(account, when);
            }
            now += random.nextInt(10);
            long t = now;
            List<String> expected = at.entrySet().stream().filter(e -> e.getValue() <= t)
                    .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            assertEquals(expected, index.due(now), "step " + step);
        }
    }

    @Test
    void shouldStartUnboundedWhenRebuiltOverAnExistingStore() {
        var first = index(true);
        first.schedule("a", 5);
        first.schedule("b", 100);
        assertEquals(List.of("a"), first.due(10));
        first.schedule("a", 200);
        var rebuilt = new WakeUpIndex(opened.get(0));
        assertEquals(List.of("b", "a"), rebuilt.due(1_000));
    }
}
