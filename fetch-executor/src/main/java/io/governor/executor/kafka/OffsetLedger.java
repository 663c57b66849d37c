package io.governor.executor.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed offsets are finished, per partition, for at-least-once commits: calls finish out of order, and
 * a partition may be committed only up to its oldest unfinished offset. Used from the consumer thread only.
 */
final class OffsetLedger {
    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    private static final class Partition {
        final TreeSet<Long> pending = new TreeSet<>();
        long next = -1;
        long committed = -1;

        long committable() {
            return pending.isEmpty() ? next : pending.first();
        }
    }

    void taken(TopicPartition tp, long offset) {
        Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
        p.pending.add(offset);
        p.next = Math.max(p.next, offset + 1);
    }

    void done(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p != null) {
            p.pending.remove(offset);
        }
    }

    /** Offsets that may be committed and were not yet, for {@code only} the given partitions (all when null). */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, p) -> {
            long c = p.committable();
            if (c > p.committed && (only == null || only.contains(tp))) {
                out.put(tp, new OffsetAndMetadata(c));
            }
        });
        return out;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            Partition p = partitions.get(tp);
            if (p != null) {
                p.committed = Math.max(p.committed, o.offset());
            }
        });
    }

    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    int pending() {
        return partitions.values().stream().mapToInt(p -> p.pending.size()).sum();
    }
}
