package io.governor.streams.store;

import io.governor.core.admission.AccountState;
import io.governor.core.admission.AccountStateCodec;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AdmissionStores;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One account's view of the shared {@code governor-state} store: the core's fixed-size {@link AccountState}
 * under {@code A}, and its unbounded parts ({@link AdmissionStores}) under their own tags.
 */
public final class AccountStorage {
    /** Name of the state store every account of a task shares. */
    public static final String STORE = "governor-state";

    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;

    public AccountStorage(KeyValueStore<Bytes, byte[]> store, String account) {
        this.store = store;
        this.keys = new AccountKeys(account);
    }

    /** The account's state as last saved, or a fresh one. */
    public AccountState loadState(AdmissionPolicy policy) {
        return AccountStateCodec.fromBytes(policy, store.get(keys.key(AccountKeys.ACCOUNT_STATE)));
    }

    public void saveState(AccountState state) {
        store.put(keys.key(AccountKeys.ACCOUNT_STATE), AccountStateCodec.toBytes(state));
    }

    public AdmissionStores stores(AdmissionPolicy policy) {
        var counters = new StoreCounters(store, keys);
        var ids = new IntentIdRecords(store, keys);
        ids.adoptLegacyKeys();
        return new AdmissionStores(
                new StoreWaitingRoom(store, keys, counters, ids),
                new StorePendingIntents(store, keys, counters),
                new StoreTimeIndex(store, keys, 'D'),
                new StoreTimeIndex(store, keys, 'W'),
                new StoreSeenIds(store, keys, ids),
                new StoreJobBudgets(store, keys),
                new StoreTenantStates(store, keys, policy),
                new StoreLeases(ids),
                new ChunkedTimeIndex(store, keys, 'E', ChunkedTimeIndex.ENTRIES_PER_CHUNK));
    }
}
