package io.governor.streams.store;

import io.governor.core.feedback.Lease;
import io.governor.core.feedback.Leases;
import org.apache.kafka.common.utils.Bytes;

/**
 * {@link Leases} over the state store: each lease (the whole intent included, {@link StoreCodec}) in its id's
 * record beside the dedup expiry ({@link IntentIdRecords}). No size counter: no decision asks how many leases
 * there are (the account state counts in-flight permits itself).
 */
final class StoreLeases implements Leases {
    private final IntentIdRecords records;

    StoreLeases(IntentIdRecords records) {
        this.records = records;
    }

    @Override
    public void put(Lease lease) {
        Bytes k = records.key(lease.id());
        records.withLease(k, records.get(k), StoreCodec.lease(lease));
    }

    @Override
    public Lease get(String intentId) {
        return IntentIdRecords.lease(records.get(records.key(intentId)));
    }

    @Override
    public Lease remove(String intentId) {
        Bytes k = records.key(intentId);
        byte[] v = records.get(k);
        if (!IntentIdRecords.hasLease(v)) {
            return null;
        }
        records.withLease(k, v, null);
        return IntentIdRecords.lease(v);
    }

    @Override
    public int size() {
        return records.leaseCount();
    }
}
