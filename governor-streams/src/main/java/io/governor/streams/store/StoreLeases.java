package io.governor.streams.store;

import io.governor.core.feedback.Lease;
import io.governor.core.feedback.Leases;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link Leases} over the state store: {@code L|intentId} → lease ({@link StoreCodec}, the whole intent
 * included). No size counter: no decision asks how many leases there are (the account state counts in-flight
 * permits itself).
 */
final class StoreLeases extends StoreIntentTable<Lease> implements Leases {
    StoreLeases(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters) {
        super(store, keys, counters, AccountKeys.LEASE, null, Lease::id, StoreCodec::lease, StoreCodec::lease);
    }
}
