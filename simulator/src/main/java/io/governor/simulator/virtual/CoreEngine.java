package io.governor.simulator.virtual;

import io.governor.core.Governor;
import io.governor.core.admission.AdmissionSettings;
import io.governor.core.decision.AdmissionDecision;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.streams.topology.DecisionEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The core {@link Governor} hosted directly, with the topology's timing: waiting intents are released only when
 * the clock reaches a punctuation of the {@link PunctuationGrid}, intents and outcomes are decided at their
 * instant, and decisions become events through the topology's own mapping ({@link DecisionEvents}). So a run
 * decides as {@link TopologyEngine}'s does, without Kafka's per-record cost.
 */
final class CoreEngine implements VirtualEngine {
    private final Governor governor;
    private final PunctuationGrid grid;
    private long nowMs;
    private long nextPunctuation;
    private final Decided<Permit> permits = new Decided<>();
    private final Decided<Deferral> deferrals = new Decided<>();
    private final Decided<Rejection> rejections = new Decided<>();

    /** Events of one kind decided since they were last handed out. */
    private static final class Decided<T> {
        private List<T> events = new ArrayList<>();

        void add(T event) {
            events.add(event);
        }

        List<T> drain() {
            if (events.isEmpty()) {
                return List.of();
            }
            List<T> out = events;
            events = new ArrayList<>();
            return out;
        }
    }

    CoreEngine(PolicyDocument policy, AdmissionSettings admission, long startMs, Duration tick) {
        this.governor = new Governor(policy, admission);
        this.grid = new PunctuationGrid(startMs, tick.toMillis());
        this.nowMs = startMs;
        this.nextPunctuation = grid.after(startMs);
    }

    @Override
    public long now() {
        return nowMs;
    }

    @Override
    public void advanceTo(long t) {
        if (t <= nowMs) {
            return;
        }
        nowMs = t;
        if (t >= nextPunctuation) {
            emit(governor.release(t));
            nextPunctuation = grid.after(t);
        }
    }

    @Override
    public void offer(Intent intent) {
        emit(governor.offer(intent, nowMs));
    }

    @Override
    public boolean takesOutcomes() {
        return true;
    }

    @Override
    public void outcome(Outcome outcome) {
        emit(governor.outcome(outcome, nowMs));
    }

    private void emit(List<AdmissionDecision> decisions) {
        for (AdmissionDecision d : decisions) {
            Object event = DecisionEvents.of(d, nowMs);
            if (event instanceof Permit p) {
                permits.add(p);
            } else if (event instanceof Deferral df) {
                deferrals.add(df);
            } else {
                rejections.add((Rejection) event);
            }
        }
    }

    @Override
    public List<Permit> permits() {
        return permits.drain();
    }

    @Override
    public List<Deferral> deferrals() {
        return deferrals.drain();
    }

    @Override
    public List<Rejection> rejections() {
        return rejections.drain();
    }

    @Override
    public long nextWakeTick() {
        return grid.wakeTick(governor.nextWakeAt(), nowMs);
    }

    @Override
    public long tickAtOrAfter(long t) {
        return grid.atOrAfter(t);
    }

    @Override
    public void close() {
    }
}
