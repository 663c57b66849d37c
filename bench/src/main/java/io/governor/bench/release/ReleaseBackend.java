package io.governor.bench.release;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.admission.AccountState;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AdmissionSettings;
import io.governor.core.admission.AdmissionStores;
import io.governor.streams.store.AccountStorage;
import io.governor.streams.store.SkipListStoreSupplier;
import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Where one account's queue lives for the release-cost run: the core's own heap structures, the governor's store
 * layout over the lazy skip-list store (non-persistent runs, the simulator), or over RocksDB (production). Store
 * backends are opened outside a topology, without changelog or cache: the figure is the store work itself.
 */
public enum ReleaseBackend {
    CORE_IN_MEMORY,
    STORE_SKIP_LIST,
    STORE_ROCKSDB;

    /** An account admission over this backend; {@code close} releases the store. */
    Opened open(String account, AdmissionPolicy policy, AdmissionSettings settings, Path stateDir) {
        if (this == CORE_IN_MEMORY) {
            return new Opened(new AccountAdmission(account, policy, new AccountState(policy),
                    AdmissionStores.inMemory(), settings), null);
        }
        KeyValueBytesStoreSupplier supplier = this == STORE_SKIP_LIST
                ? new SkipListStoreSupplier(AccountStorage.STORE) : Stores.persistentKeyValueStore(AccountStorage.STORE);
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-release");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        File dir = stateDir.toFile();
        var context = new MockProcessorContext<Object, Object>(props, new TaskId(0, 0), dir);
        store.init(context.getStateStoreContext(), store);
        var storage = new AccountStorage(store, account);
        return new Opened(new AccountAdmission(account, policy, storage.loadState(policy), storage.stores(policy),
                settings), store);
    }

    record Opened(AccountAdmission admission, KeyValueStore<Bytes, byte[]> store) implements AutoCloseable {
        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
