package io.governor.streams.topology;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of one governor instance, read by its periodic summary line. Shared by its tasks. */
public final class GovernorCounters {
    final LongAdder intents = new LongAdder();
    final LongAdder permitted = new LongAdder();
    final LongAdder deferred = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder deadLetters = new LongAdder();
    final LongAdder policyUpdates = new LongAdder();
    final LongAdder outcomes = new LongAdder();
    final LongAdder ignoredOutcomes = new LongAdder();
    final LongAdder redirected = new LongAdder();

    public long intents() {
        return intents.sum();
    }

    public long permitted() {
        return permitted.sum();
    }

    public long deferred() {
        return deferred.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    public long policyUpdates() {
        return policyUpdates.sum();
    }

    /** Outcome records decoded (unknown or duplicate ones included). */
    public long outcomes() {
        return outcomes.sum();
    }

    /** Outcomes of accounts without a policy (the admission counts its own unknown leases). */
    public long ignoredOutcomes() {
        return ignoredOutcomes.sum();
    }

    /** Intents forwarded to a fallback account (or back to their own after the last). */
    public long redirected() {
        return redirected.sum();
    }
}
