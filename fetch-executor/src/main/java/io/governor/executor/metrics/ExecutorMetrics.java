package io.governor.executor.metrics;

import io.governor.schemas.event.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor's meters, bound to a registry the caller owns: {@code governor.executor.calls} (counter by
 * account, status and error), {@code governor.executor.latency} (timer by account, calls that reached the
 * network only) and {@code governor.executor.in.flight} (gauge of permits taken but not yet reported).
 */
public final class ExecutorMetrics {
    public static final String CALLS = "governor.executor.calls";
    public static final String LATENCY = "governor.executor.latency";
    public static final String IN_FLIGHT = "governor.executor.in.flight";

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    public ExecutorMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Permits taken by this executor whose outcome is not yet known")
                .register(registry);
    }

    /** Meters into a private registry nobody reads: for tests and embedded uses that do not care. */
    public static ExecutorMetrics discarding() {
        return new ExecutorMetrics(new SimpleMeterRegistry());
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    /** Counts the outcome and ends its in-flight span; {@code called} when a request went out. */
    public void finished(Outcome outcome, boolean called) {
        inFlight.decrementAndGet();
        Counter.builder(CALLS)
                .description("Permits handled, by outcome")
                .tag("account", outcome.account())
                .tag("status", Integer.toString(outcome.status()))
                .tag("error", outcome.error() == null ? "none" : outcome.error().name())
                .register(registry)
                .increment();
        if (called) {
            Timer.builder(LATENCY)
                    .description("Time from the call's start to its answer, redirects and body included")
                    .tag("account", outcome.account())
                    .register(registry)
                    .record(Duration.ofMillis(outcome.latencyMs()));
        }
    }

    public int inFlight() {
        return inFlight.get();
    }
}
