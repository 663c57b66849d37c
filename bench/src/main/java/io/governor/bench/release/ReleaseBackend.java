package io.governor.bench.release;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.admission.AccountState;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AdmissionSettings;
import io.governor.core.admission.AdmissionStores;
import io.governor.streams.store.AccountKeys;
import io.governor.streams.store.AccountStorage;
import io.governor.streams.store.SkipListStoreSupplier;
import io.governor.streams.store.WriteBehindStore;
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
 * layout over the lazy skip-list store (non-persistent runs, the simulator), over RocksDB written directly, or
 * over RocksDB behind the processor's {@link WriteBehindStore} written out at every {@link Opened#commit} (as
 * production runs it). Store backends are opened outside a topology, without changelog or cache: the figure is
 * the store work itself.
 */
public enum ReleaseBackend {
    CORE_IN_MEMORY,
    STORE_SKIP_LIST,
    STORE_ROCKSDB,
    STORE_ROCKSDB_WRITE_BEHIND;

    /** An account admission over this backend; {@code close} releases the store. */
    Opened open(String account, AdmissionPolicy policy, AdmissionSettings settings, Path stateDir) {
        if (this == CORE_IN_MEMORY) {
            return new Opened(new AccountAdmission(account, policy, new AccountState(policy),
                    AdmissionStores.inMemory(), settings), null, null);
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
        WriteBehindStore view = this == STORE_ROCKSDB_WRITE_BEHIND ? new WriteBehindStore(store, AccountKeys.POINT_KEYS)
                : null;
        var storage = new AccountStorage(view == null ? store : view, account);
        return new Opened(new AccountAdmission(account, policy, storage.loadState(policy), storage.stores(policy),
                settings), store, view);
    }

    record Opened(AccountAdmission admission, KeyValueStore<Bytes, byte[]> store, WriteBehindStore view)
            implements AutoCloseable {
        /** What a task's commit does to the store: writes out what the view holds (nothing for other backends). */
        void commit() {
            if (view != null) {
                view.writePending();
            }
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
