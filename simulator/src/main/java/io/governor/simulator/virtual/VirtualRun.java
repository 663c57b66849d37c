package io.governor.simulator.virtual;

import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.scenario.Scenario;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.RunEvents;
import io.governor.simulator.report.RunTally;
import io.governor.simulator.upstream.Answer;
import io.governor.simulator.upstream.UpstreamTruth;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Governor in virtual time: a {@link VirtualEngine} decides (the core hosted directly, or the real topology under
 * TopologyTestDriver; both give the same decisions), a simulated executor makes each permitted call at its start
 * time against the truth. Time jumps from one interesting instant to the next (an
 * intent's arrival, the governor's next wake-up tick) and nothing sleeps, so hours run in seconds.
 *
 * <p>Every outcome goes back to the governor at the first tick after the call finished (when its topology reads
 * outcomes), which frees concurrency, drives circuits, retries and fallbacks. A topology without an outcomes source
 * runs open loop: outcomes are only reported.
 */
public final class VirtualRun {
    /** Executor identity stamped on outcomes. */
    public static final String EXECUTOR = "simulator";

    private final Scenario scenario;
    private final Settings settings;

    /**
     * {@code tick}: the governor's release punctuation; {@code lookaheadMs}: its permit lookahead;
     * {@code transportMs}: delay from a permit's decision to the executor holding it; {@code maxStepMs}: the
     * longest jump while intents wait (a guard, see {@link TopologyEngine#nextWakeTick()});
     * {@code drainLimit}: how long after the scenario's end waiting intents may still drain; {@code engine}: which
     * governor decides.
     */
    public record Settings(Duration tick, long lookaheadMs, long transportMs, long maxStepMs, Duration drainLimit,
                           Engine engine) {
        public Settings {
            if (tick == null || tick.isZero() || tick.isNegative()) {
                throw new IllegalArgumentException("tick must be a positive duration, was " + tick);
            }
            if (lookaheadMs < 0 || transportMs < 0) {
                throw new IllegalArgumentException("lookaheadMs and transportMs must be >= 0, were " + lookaheadMs
                        + " and " + transportMs);
            }
            if (maxStepMs < 1) {
                throw new IllegalArgumentException("maxStepMs must be >= 1, was " + maxStepMs);
            }
            if (drainLimit == null || drainLimit.isNegative()) {
                throw new IllegalArgumentException("drainLimit must be a duration >= 0, was " + drainLimit);
            }
            if (engine == null) {
                throw new IllegalArgumentException("engine must be core or topology, was null");
            }
        }

        /**
         * The governor's defaults: 20 ms tick, 250 ms lookahead; permits arrive instantly; 7 days to drain; the
         * core engine.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(20), AdmissionSettings.DEFAULT_LOOKAHEAD_MS, 0, 1000,
                    Duration.ofDays(7), Engine.CORE);
        }

        public Settings withEngine(Engine engine) {
            return new Settings(tick, lookaheadMs, transportMs, maxStepMs, drainLimit, engine);
        }
    }

    /** Which governor decides a virtual run. */
    public enum Engine {
        /** The engine-agnostic core ({@link io.governor.core.Governor}) hosted directly: the default, fast. */
        CORE,
        /** The real governor-streams topology under TopologyTestDriver: proves the wiring, several times slower. */
        TOPOLOGY;

        /** {@code core} or {@code topology}: the command line's and the report's name. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The engine named {@code label} (case-insensitive); IllegalArgumentException naming the choices. */
        public static Engine of(String label) {
            for (Engine e : values()) {
                if (e.label().equalsIgnoreCase(label)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("engine must be core or topology, was " + label);
        }

        VirtualEngine open(PolicyDocument policy, AdmissionSettings admission, long startMs, Duration tick) {
            return this == CORE ? new CoreEngine(policy, admission, startMs, tick)
                    : new TopologyEngine(policy, admission, startMs, tick);
        }
    }

    public VirtualRun(Scenario scenario, Settings settings) {
        this.scenario = scenario;
        this.settings = settings;
    }

    /** Runs {@code intents} (createdAt order) to the end; returns the virtual instant the run ended. */
    public long run(List<Intent> intents, UpstreamTruth truth, RunTally tally, RunEvents events, Progress progress) {
        long start = scenario.startMs();
        long hardStop = scenario.endMs() + settings.drainLimit().toMillis();
        var admission = AdmissionSettings.defaults().withLookahead(settings.lookaheadMs())
                .withReleaseTick(settings.tick().toMillis())
                .withRandom(new SplittableRandom(scenario.seed()).split());
        PriorityQueue<Held> held = new PriorityQueue<>();
        PriorityQueue<Returning> returning = new PriorityQueue<>();
        long[] seq = {0};
        long lastEvent = start;
        try (VirtualEngine governor = settings.engine().open(scenario.policy(), admission, start, settings.tick())) {
            boolean feedback = governor.takesOutcomes();
            int next = 0;
            while (true) {
                long arrival = next < intents.size() ? Math.max(intents.get(next).createdAt(), governor.now())
                        : Long.MAX_VALUE;
                // The governor's own wake-ups count even when every intent has had a decision: a failed call's
                // retry waits there, and the run is not over until it has been made.
                boolean waiting = tally.decisions() < next || !held.isEmpty() || !returning.isEmpty();
                long wake = waiting ? Math.min(governor.nextWakeTick(),
                        governor.tickAtOrAfter(governor.now() + settings.maxStepMs())) : governor.nextWakeTick();
                long at = Math.min(arrival, wake);
                if (!returning.isEmpty()) {
                    at = Math.min(at, returning.peek().deliverAt());
                }
                // Make the calls that start before `at`; an outcome that returns earlier pulls `at` in, so the
                // governor hears of it at the first tick after it finished (and calls after that wait their turn).
                while (!held.isEmpty() && held.peek().startAt() < at) {
                    Outcome o = call(held.poll(), truth, tally, events);
                    lastEvent = Math.max(lastEvent, o.finishedAt());
                    if (feedback) {
                        long deliverAt = governor.tickAtOrAfter(o.finishedAt() + settings.transportMs());
                        returning.add(new Returning(o, deliverAt, seq[0]++));
                        at = Math.min(at, deliverAt);
                    }
                }
                if (at == Long.MAX_VALUE || at > hardStop) {
                    break;
                }
                governor.advanceTo(at);
                while (!returning.isEmpty() && returning.peek().deliverAt() <= governor.now()) {
                    governor.outcome(returning.poll().outcome());
                }
                while (next < intents.size() && intents.get(next).createdAt() <= governor.now()) {
                    Intent intent = intents.get(next++);
                    tally.offered(intent);
                    governor.offer(intent);
                }
                collect(governor, held, seq, tally, events);
                lastEvent = Math.max(lastEvent, governor.now());
                progress.update("governor", governor.now(), tally.decisions());
            }
            while (!held.isEmpty()) {
                lastEvent = Math.max(lastEvent, call(held.poll(), truth, tally, events).finishedAt());
            }
        }
        progress.finish();
        return lastEvent;
    }

    private void collect(VirtualEngine governor, PriorityQueue<Held> held, long[] seq, RunTally tally,
                         RunEvents events) {
        for (Deferral d : governor.deferrals()) {
            events.deferral(d);
        }
        for (Rejection r : governor.rejections()) {
            tally.rejected(r);
            events.rejection(r);
        }
        for (Permit p : governor.permits()) {
            tally.permitted(p);
            events.permit(p);
            long startAt = PermitTiming.startAt(p, p.permittedAt() + settings.transportMs());
            held.add(new Held(p, startAt == PermitTiming.EXPIRED ? p.validUntil() + 1 : startAt,
                    startAt == PermitTiming.EXPIRED, seq[0]++));
        }
    }

    /** Makes one held call against the truth (or reports its permit expired); returns its outcome. */
    private static Outcome call(Held h, UpstreamTruth truth, RunTally tally, RunEvents events) {
        Permit p = h.permit();
        Outcome outcome;
        if (h.expired()) {
            outcome = new Outcome(p.intentId(), p.account(), p.lane(), p.attempt(), 0, OutcomeError.PERMIT_EXPIRED,
                    0, null, null, h.startAt(), h.startAt(), EXECUTOR);
        } else {
            Answer a = truth.call(p.account(), p.lane(), h.startAt());
            tally.called(p.intentId(), p.account(), p.lane(), h.startAt(), a);
            outcome = new Outcome(p.intentId(), p.account(), p.lane(), p.attempt(), a.status(),
                    a.status() == Answer.NO_ANSWER ? OutcomeError.TIMEOUT : null,
                    a.latencyMs(), a.retryAfterMs(), a.rateLimit(), h.startAt(), h.startAt() + a.latencyMs(),
                    EXECUTOR);
        }
        events.outcome(outcome);
        return outcome;
    }

    // Comparable rather than a composed Comparator: these queues see every call, and the composed lambdas were a
    // tenth of a core-engine run.
    private record Returning(Outcome outcome, long deliverAt, long seq) implements Comparable<Returning> {
        @Override
        public int compareTo(Returning o) {
            return deliverAt != o.deliverAt ? Long.compare(deliverAt, o.deliverAt) : Long.compare(seq, o.seq);
        }
    }

    private record Held(Permit permit, long startAt, boolean expired, long seq) implements Comparable<Held> {
        @Override
        public int compareTo(Held o) {
            return startAt != o.startAt ? Long.compare(startAt, o.startAt) : Long.compare(seq, o.seq);
        }
    }
}
