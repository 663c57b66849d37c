package io.governor.streams.store;

import io.governor.core.admission.AccountStateCodec;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.tenant.TenantStates;
import io.governor.core.window.WindowSet;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link TenantStates} over the state store: {@code N|tenant} → the core's window-set bytes. */
final class StoreTenantStates implements TenantStates {
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final AdmissionPolicy policy;

    StoreTenantStates(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, AdmissionPolicy policy) {
        this.store = store;
        this.keys = keys;
        this.policy = policy;
    }

    @Override
    public WindowSet get(String tenant) {
        byte[] v = store.get(keys.key(AccountKeys.TENANT, AccountKeys.raw(tenant)));
        return v == null ? null : AccountStateCodec.tenantSetFromBytes(policy, tenant, v);
    }

    @Override
    public void put(String tenant, WindowSet state) {
        store.put(keys.key(AccountKeys.TENANT, AccountKeys.raw(tenant)), AccountStateCodec.windowSetToBytes(state));
    }
}
