package io.governor.bench.e2e;

import io.governor.streams.store.AccountStorage;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Bytes a running governor keeps in {@code governor-state} (RocksDB, the changelog holds the same), read through
 * interactive queries after a run. Keys are {@code len|account|tag|...}; dedup entries are tag {@code S} (id →
 * expiry, then the id's open lease, which is not dedup and is counted with the rest) and tag {@code T} with index
 * {@code S} (their expiry index): everything else is the account's own state.
 */
final class StateCensus {
    private static final byte SEEN = 'S';
    private static final byte TIME_INDEX = 'T';
    private static final int EXPIRY_BYTES = Long.BYTES;

    private StateCensus() {
    }

    static E2eFigure.StateBytes of(KafkaStreams streams, int accounts) {
        var store = streams.store(StoreQueryParameters.fromNameAndType(AccountStorage.STORE,
                QueryableStoreTypes.<Bytes, byte[]>keyValueStore()));
        long entries = 0;
        long total = 0;
        long dedup = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                byte[] k = kv.key.get();
                long bytes = k.length + (kv.value == null ? 0 : kv.value.length);
                entries++;
                total += bytes;
                int tagAt = 2 + Short.toUnsignedInt(ByteBuffer.wrap(k, 0, 2).getShort());
                if (tagAt < k.length && k[tagAt] == SEEN) {
                    dedup += k.length + Math.min(EXPIRY_BYTES, kv.value == null ? 0 : kv.value.length);
                } else if (tagAt + 1 < k.length && k[tagAt] == TIME_INDEX && k[tagAt + 1] == SEEN) {
                    dedup += bytes;
                }
            }
        }
        return new E2eFigure.StateBytes(entries, total / (double) accounts, dedup / (double) accounts);
    }
}
