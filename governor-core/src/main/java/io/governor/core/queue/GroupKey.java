package io.governor.core.queue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;

/**
 * A FIFO sub-queue of the waiting room: one priority, one tenant ("" when none) and one asked-for lane ("" when
 * any lane will do). Intents of one group are blocked by the same tenant and lane limits, so a blocked group is
 * skipped as a whole instead of holding back the others.
 */
public record GroupKey(Priority priority, String tenant, String lane) {
    public GroupKey {
        tenant = tenant == null ? "" : tenant;
        lane = lane == null ? "" : lane;
    }

    public static GroupKey of(Intent intent) {
        return new GroupKey(intent.priority(), intent.tenant(), intent.lane());
    }

    // Written out, with the meaning of the generated ones: a waiting room looks its groups up several times per
    // decision, and the generated methods (method-handle chains) were the largest cost of the deferral path.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof GroupKey g && priority == g.priority && tenant.equals(g.tenant)
                && lane.equals(g.lane);
    }

    @Override
    public int hashCode() {
        return ((priority == null ? 0 : priority.ordinal() + 1) * 31 + tenant.hashCode()) * 31 + lane.hashCode();
    }
}
