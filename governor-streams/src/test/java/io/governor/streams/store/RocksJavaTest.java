package io.governor.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rocksdb.RocksDB;

/**
 * The RocksJava the build pins over Kafka's own (docs/CONTRACT-NOTES.md, "RocksJava"): a dependency update that
 * brought back a RocksJava whose misses throw C++ exceptions inside {@code get} would fail here, not in a benchmark.
 */
class RocksJavaTest {
    @RegisterExtension
    final RocksDbStores stores = new RocksDbStores();

    @Test
    void theRuntimeRocksJavaAnswersMissesWithoutAnException() {
        RocksDB.loadLibrary();
        String[] version = RocksDB.rocksdbVersion().toString().split("\\.");
        int major = Integer.parseInt(version[0]);
        int minor = Integer.parseInt(version[1]);
        assertTrue(major > 10 || major == 10 && minor >= 10, "RocksJava " + RocksDB.rocksdbVersion()
                + " is older than 10.10, whose get() stopped throwing on a miss (facebook/rocksdb#13023)");
    }

    @Test
    void aStoreOpenedAsProductionOpensItReadsMissesAndHits() {
        var store = stores.open();
        Bytes key = Bytes.wrap("S|intent-1".getBytes(StandardCharsets.UTF_8));
        assertNull(store.get(key));
        store.put(key, new byte[] {1, 2, 3});
        assertEquals(3, store.get(key).length);
        assertNull(store.get(Bytes.wrap("S|intent-2".getBytes(StandardCharsets.UTF_8))));
    }
}
