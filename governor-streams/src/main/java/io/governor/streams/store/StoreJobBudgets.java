package io.governor.streams.store;

import io.governor.core.job.JobBudgets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link JobBudgets} over the state store: {@code J|job} → permits spent. */
final class StoreJobBudgets implements JobBudgets {
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;

    StoreJobBudgets(KeyValueStore<Bytes, byte[]> store, AccountKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    @Override
    public long used(String job) {
        byte[] v = store.get(keys.key(AccountKeys.JOB, AccountKeys.raw(job)));
        return v == null ? 0 : AccountKeys.readLong(v);
    }

    @Override
    public void add(String job, long permits) {
        store.put(keys.key(AccountKeys.JOB, AccountKeys.raw(job)), AccountKeys.longValue(used(job) + permits));
    }
}
