package io.governor.bench;

import io.governor.core.admission.AccountStateCodec;
import org.openjdk.jol.info.GraphLayout;

/**
 * Bytes an account costs a host, measured after {@code warmUp} permits: the fixed state serialized by
 * {@link AccountStateCodec} (what a key-value store holds), its retained heap (JOL, counting only what one more
 * account adds: the time-zone rules, specs and names it shares with other accounts are left out), and the heap
 * per intent id remembered for dedup.
 */
public record StateSize(Scenario scenario, int serializedBytes, long heapBytes, double dedupHeapBytesPerId,
                        int dedupIds) {
    static {
        // Records' field offsets are refused by Unsafe since JDK 15; JOL then needs its own way to find them.
        if (System.getProperty("jol.magicFieldOffset") == null) {
            System.setProperty("jol.magicFieldOffset", "true");
        }
    }

    public static StateSize measure(Scenario scenario, int warmUp) {
        CoreDriver one = new CoreDriver(scenario, "acct-1");
        CoreDriver two = new CoreDriver(scenario, "acct-2");
        for (int i = 0; i < warmUp; i++) {
            one.permitOnce();
            two.permitOnce();
        }
        int serialized = AccountStateCodec.toBytes(one.admission().state()).length;
        long both = GraphLayout.parseInstance(one.admission().state(), two.admission().state()).totalSize();
        long single = GraphLayout.parseInstance(two.admission().state()).totalSize();
        var seen = one.stores().seen();
        // Ids alone would be in the host's heap anyway while the intent is live; count them, as the store keeps them.
        long seenHeap = GraphLayout.parseInstance(seen).totalSize();
        int ids = seen.size();
        return new StateSize(scenario, serialized, both - single, ids == 0 ? 0 : (double) seenHeap / ids, ids);
    }
}
