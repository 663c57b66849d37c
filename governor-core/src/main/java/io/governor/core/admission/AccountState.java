package io.governor.core.admission;

import io.governor.core.feedback.FeedbackSignal;
import io.governor.core.feedback.ScopeFeedback;
import io.governor.core.window.WindowSet;
import java.util.ArrayList;
import java.util.List;
import io.governor.schemas.event.Priority;

/**
 * The fixed-size state of one account: its window sets (account and each lane), the time and notBefore high
 * marks, the arrival sequence, the lane round-robin cursor and the fair-queueing clock of each priority.
 * Mutable; {@link AccountStateCodec} turns it into bytes for a key-value store.
 */
public final class AccountState {
    final WindowSet account;
    final WindowSet[] lanes;
    /** Highest time seen: hosts may hand in a clock that steps back; the admission never does. */
    long lastNow = Long.MIN_VALUE;
    /** Highest notBefore granted: the exact window checks need permits in notBefore order, jitter included. */
    long lastNotBefore = Long.MIN_VALUE;
    long seq;
    long nextReleaseAt = Long.MAX_VALUE;
    int laneCursor;
    /** Permits without an outcome whose lease has not ended (enforced by policy.concurrency). */
    long inFlight;
    final long[] fairClock = new long[Priority.values().length];
    /** What outcomes taught about the account and each lane (circuits, pauses, adaptive clock, ceilings). */
    final ScopeFeedback accountFeedback = new ScopeFeedback();
    final ScopeFeedback[] laneFeedback;
    /** Outcomes for unknown or ended leases (duplicates, late ones): counted, harmless. */
    long ignoredOutcomes;
    /** Signals since the host last drained them; transient, not persisted. */
    final List<FeedbackSignal> signals = new ArrayList<>();

    public AccountState(AdmissionPolicy policy) {
        this.account = policy.newAccountSet();
        this.lanes = new WindowSet[policy.lanes().size()];
        this.laneFeedback = new ScopeFeedback[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = policy.newLaneSet(i);
            laneFeedback[i] = new ScopeFeedback();
        }
    }

    public WindowSet accountWindows() {
        return account;
    }

    /** Window set of lane i of the policy's members. */
    public WindowSet laneWindows(int i) {
        return lanes[i];
    }

    public long lastNotBefore() {
        return lastNotBefore;
    }

    public long inFlight() {
        return inFlight;
    }

    public ScopeFeedback accountFeedback() {
        return accountFeedback;
    }

    public ScopeFeedback laneFeedback(int i) {
        return laneFeedback[i];
    }

    public long ignoredOutcomes() {
        return ignoredOutcomes;
    }
}
