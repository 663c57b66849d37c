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
    private List<Permit> permits = new ArrayList<>();
    private List<Deferral> deferrals = new ArrayList<>();
    private List<Rejection> rejections = new ArrayList<>();

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
        if (permits.isEmpty()) {
            return List.of();
        }
        List<Permit> out = permits;
        permits = new ArrayList<>();
        return out;
    }

    @Override
    public List<Deferral> deferrals() {
        if (deferrals.isEmpty()) {
            return List.of();
        }
        List<Deferral> out = deferrals;
        deferrals = new ArrayList<>();
        return out;
    }

    @Override
    public List<Rejection> rejections() {
        if (rejections.isEmpty()) {
            return List.of();
        }
        List<Rejection> out = rejections;
        rejections = new ArrayList<>();
        return out;
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
