package io.governor.core.admission;

import io.governor.core.dedup.InMemorySeenIds;
import io.governor.core.dedup.SeenIds;
import io.governor.core.feedback.InMemoryLeases;
import io.governor.core.feedback.Leases;
import io.governor.core.job.InMemoryJobBudgets;
import io.governor.core.job.JobBudgets;
import io.governor.core.queue.InMemoryPendingIntents;
import io.governor.core.queue.InMemoryTimeIndex;
import io.governor.core.queue.InMemoryWaitingRoom;
import io.governor.core.queue.PendingIntents;
import io.governor.core.queue.TimeIndex;
import io.governor.core.queue.WaitingRoom;
import io.governor.core.tenant.InMemoryTenantStates;
import io.governor.core.tenant.TenantStates;

/**
 * The unbounded state of one account, behind interfaces a host implements over its own stores. {@code deadlines}
 * holds deadline + 1 (the first instant the intent is late) of every waiting or pending intent that has one;
 * {@code wakeUps} holds notBefore − lookahead of pending intents. {@code leases} holds permits waiting for their
 * outcome and {@code leaseEnds} the end of each lease.
 */
public record AdmissionStores(WaitingRoom room, PendingIntents pending, TimeIndex deadlines, TimeIndex wakeUps,
                              SeenIds seen, JobBudgets jobs, TenantStates tenants, Leases leases,
                              TimeIndex leaseEnds) {

    public static AdmissionStores inMemory() {
        return new AdmissionStores(new InMemoryWaitingRoom(), new InMemoryPendingIntents(), new InMemoryTimeIndex(),
                new InMemoryTimeIndex(), new InMemorySeenIds(), new InMemoryJobBudgets(), new InMemoryTenantStates(),
                new InMemoryLeases(), new InMemoryTimeIndex());
    }
}
