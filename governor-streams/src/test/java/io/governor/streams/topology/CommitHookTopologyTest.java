package io.governor.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.governor.schemas.event.Intent;
import io.governor.schemas.policy.LimitSpec;
import io.governor.streams.store.AccountStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The processor keeps its writes in memory between commits (WriteBehindStore) and writes them from the commit
 * hook: the store and its changelog must hold every write of a committed step, or a restored task would forget
 * permits it had already sent.
 */
class CommitHookTopologyTest {

    @Test
    void shouldWriteEveryDecidedStepToTheStoreAndItsChangelogByTheCommit() {
        var acct = GovernorTopologyTest.policy(List.of(LimitSpec.rolling(2, Duration.ofSeconds(1))));
        // Exactly-once, as the governor runs: without it the processor writes out after every step anyway.
        try (var g = new GovernorDriver(GovernorTopologyTest.document("a", acct),
                GovernorTopologyTest.NO_RUNTIME_POLICIES, Instant.EPOCH, Duration.ofMillis(20),
                StreamsConfig.EXACTLY_ONCE_V2)) {
            for (int i = 0; i < 5; i++) {
                g.send(Intent.of("i-" + i, "a")); // two permitted, three waiting
            }
            KeyValueStore<Bytes, byte[]> state = g.driver.getKeyValueStore(AccountStorage.STORE);
            Map<Bytes, byte[]> stored = new HashMap<>();
            try (var it = state.all()) {
                it.forEachRemaining(e -> stored.put(e.key, e.value));
            }
            assertFalse(stored.isEmpty(), "the commit after each record wrote the pending writes to the store");

            Map<Bytes, byte[]> logged = new HashMap<>();
            g.driver.createOutputTopic("governor-test-" + AccountStorage.STORE + "-changelog",
                    new BytesDeserializer(), new ByteArrayDeserializer()).readKeyValuesToList()
                    .forEach(kv -> {
                        if (kv.value == null) {
                            logged.remove(kv.key);
                        } else {
                            logged.put(kv.key, kv.value);
                        }
                    });
            assertEquals(stored.keySet(), logged.keySet(), "the changelog restores exactly what the store holds");
            stored.forEach((k, v) -> assertEquals(Bytes.wrap(v), Bytes.wrap(logged.get(k)), "value of " + k));

            KeyValueStore<Bytes, byte[]> wakeUps = g.driver.getKeyValueStore(WakeUpIndex.STORE);
            try (var it = wakeUps.all()) {
                assertNotNull(it.hasNext() ? it.next() : null, "the waiting account's wake-up was written too");
            }
        }
    }
}
