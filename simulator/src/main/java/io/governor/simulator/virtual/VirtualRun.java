package io.governor.simulator.virtual;

import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.scenario.Scenario;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.RunEvents;
import io.governor.simulator.report.RunTally;
import io.governor.simulator.upstream.Answer;
import io.governor.simulator.upstream.UpstreamTruth;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Governor in virtual time: the real topology decides (under TopologyTestDriver), a simulated executor makes each
 * permitted call at its start time against the truth. Time jumps from one interesting instant to the next (an
 * intent's arrival, the governor's next wake-up tick) and nothing sleeps, so hours run in seconds.
 *
 * <p>Outcomes are recorded for the report but not yet fed back to the governor (its topology has no outcome
 * input yet), so a policy's {@code concurrency} would only be freed by lease expiry.
 */
public final class VirtualRun {
    /** Executor identity stamped on outcomes. */
    public static final String EXECUTOR = "simulator";

    private final Scenario scenario;
    private final Settings settings;

    /**
     * {@code tick}: the governor's release punctuation; {@code lookaheadMs}: its permit lookahead;
     * {@code transportMs}: delay from a permit's decision to the executor holding it; {@code maxStepMs}: the
     * longest jump while intents wait (a guard, see {@link GovernorUnderTest#nextWakeTick()});
     * {@code drainLimit}: how long after the scenario's end waiting intents may still drain.
     */
    public record Settings(Duration tick, long lookaheadMs, long transportMs, long maxStepMs, Duration drainLimit) {
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
        }

        /** The governor's defaults: 20 ms tick, 250 ms lookahead; permits arrive instantly; 7 days to drain. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(20), AdmissionSettings.DEFAULT_LOOKAHEAD_MS, 0, 1000,
                    Duration.ofDays(7));
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
                .withRandom(new SplittableRandom(scenario.seed()).split());
        PriorityQueue<Held> held = new PriorityQueue<>(Comparator.comparingLong(Held::startAt)
                .thenComparingLong(Held::seq));
        long[] seq = {0};
        long lastEvent = start;
        try (var governor = new GovernorUnderTest(scenario.policy(), admission, start, settings.tick())) {
            int next = 0;
            while (true) {
                long arrival = next < intents.size() ? Math.max(intents.get(next).createdAt(), governor.now())
                        : Long.MAX_VALUE;
                boolean waiting = tally.decisions() < next;
                long wake = waiting ? Math.min(governor.nextWakeTick(),
                        governor.tickAtOrAfter(governor.now() + settings.maxStepMs())) : Long.MAX_VALUE;
                long at = Math.min(arrival, wake);
                if (at == Long.MAX_VALUE || at > hardStop) {
                    break;
                }
                lastEvent = Math.max(lastEvent, execute(held, at, truth, tally, events));
                governor.advanceTo(at);
                while (next < intents.size() && intents.get(next).createdAt() <= governor.now()) {
                    Intent intent = intents.get(next++);
                    tally.offered(intent);
                    governor.offer(intent);
                }
                lastEvent = Math.max(lastEvent, collect(governor, held, seq, tally, events));
                progress.update("governor", governor.now(), tally.decisions());
            }
            lastEvent = Math.max(lastEvent, execute(held, Long.MAX_VALUE, truth, tally, events));
        }
        progress.finish();
        return lastEvent;
    }

    private long collect(GovernorUnderTest governor, PriorityQueue<Held> held, long[] seq, RunTally tally,
                         RunEvents events) {
        long last = governor.now();
        for (Deferral d : governor.deferrals()) {
            events.deferral(d);
        }
        for (Rejection r : governor.rejections()) {
            tally.rejected(r.account(), r.reason(), r.at());
            events.rejection(r);
        }
        for (Permit p : governor.permits()) {
            tally.permitted(p.account(), p.priority(), p.tenant(), p.waitedMs(), p.permittedAt());
            events.permit(p);
            long startAt = PermitTiming.startAt(p, p.permittedAt() + settings.transportMs());
            held.add(new Held(p, startAt == PermitTiming.EXPIRED ? p.validUntil() + 1 : startAt,
                    startAt == PermitTiming.EXPIRED, seq[0]++));
        }
        return last;
    }

    /** Makes every held call that starts before {@code before}; returns the last instant it touched. */
    private long execute(PriorityQueue<Held> held, long before, UpstreamTruth truth, RunTally tally,
                         RunEvents events) {
        long last = Long.MIN_VALUE;
        while (!held.isEmpty() && held.peek().startAt() < before) {
            Held h = held.poll();
            Permit p = h.permit();
            Outcome outcome;
            if (h.expired()) {
                outcome = new Outcome(p.intentId(), p.account(), p.lane(), p.attempt(), 0, OutcomeError.PERMIT_EXPIRED,
                        0, null, null, h.startAt(), h.startAt(), EXECUTOR);
            } else {
                Answer a = truth.call(p.account(), p.lane(), h.startAt());
                tally.called(p.account(), p.lane(), h.startAt(), a);
                outcome = new Outcome(p.intentId(), p.account(), p.lane(), p.attempt(), a.status(),
                        a.status() == Answer.NO_ANSWER ? OutcomeError.TIMEOUT : null,
                        a.latencyMs(), a.retryAfterMs(), a.rateLimit(), h.startAt(), h.startAt() + a.latencyMs(),
                        EXECUTOR);
            }
            events.outcome(outcome);
            last = Math.max(last, outcome.finishedAt());
        }
        return last;
    }

    private record Held(Permit permit, long startAt, boolean expired, long seq) {
    }
}
