package io.governor.bench;

import com.google.common.util.concurrent.RateLimiter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Guava's RateLimiter for scenario (c) only: one rate, no windows. Its clock (SleepingStopwatch) is package-private,
 * so it runs on real time: the permit path uses a rate far above what a thread can ask for (1e9/s, never binds);
 * the refused path uses 1000/s, which binds after the first calls.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
public class GuavaBenchmark {
    private RateLimiter unbound;
    private RateLimiter bound;

    @Setup
    public void setUp() {
        unbound = RateLimiter.create(1e9);
        bound = RateLimiter.create(1_000);
    }

    @Benchmark
    public boolean guavaPermit() {
        return unbound.tryAcquire();
    }

    @Benchmark
    public boolean guavaRefused() {
        return bound.tryAcquire();
    }

    @Threads(2)
    public static class TwoThreads extends GuavaBenchmark {
    }
}
