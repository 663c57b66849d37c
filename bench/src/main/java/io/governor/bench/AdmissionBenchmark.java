package io.governor.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Admission decisions per second of the core against Bucket4j, per scenario. State is per thread: a host runs
 * one account per thread (the core is single-threaded per account), so 2 threads measure 2 accounts side by side.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
public class AdmissionBenchmark {
    /** Intents offered at one instant on the binding path before the release loop drains them. */
    public static final int BATCH = 64;

    @Param({"SYDNEY_DAY", "THREE_LANES", "ONE_RATE"})
    public Scenario scenario;

    private CoreDriver core;
    private CoreDriver coreFloor;
    private CoreDriver coreBinding;
    private Bucket4jDriver bucket4j;
    private Bucket4jDriver bucket4jBinding;
    private LimitsDriver limits;
    private LimitsDriver limitsBound;

    @Setup
    public void setUp() {
        String account = "acct-" + Thread.currentThread().getId();
        core = new CoreDriver(scenario, account);
        coreFloor = new CoreDriver(scenario, account);
        coreBinding = new CoreDriver(scenario, account);
        bucket4j = new Bucket4jDriver(scenario);
        bucket4jBinding = new Bucket4jDriver(scenario);
        limits = new LimitsDriver(scenario);
        limitsBound = new LimitsDriver(scenario);
    }

    /** One offer that is permitted at once: virtual time moves on by the scenario's step each call. */
    @Benchmark
    public Object corePermit() {
        return core.permitOnce();
    }

    /** The harness's own share of corePermit (clock step, next pooled intent read): not a decision. */
    @Benchmark
    public long coreHarnessFloor() {
        return coreFloor.harnessOnce();
    }

    /** Per intent: deferred on arrival (64 at one instant), later permitted by release() at nextWakeAt(). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int coreBinding(Blackhole bh) {
        return coreBinding.bindingBatch(BATCH, bh::consume);
    }

    @Benchmark
    public boolean bucket4jPermit() {
        return bucket4j.permitOnce();
    }

    /** The core's limit decision alone (windows, lane choice, counting), like for like with bucket4jPermit. */
    @Benchmark
    public boolean limitsPermit() {
        return limits.permitOnce();
    }

    /** The same refused with the time to wait; like for like with bucket4jRefused only without lanes (LimitsDriver). */
    @Benchmark
    public long limitsRefused() {
        return limitsBound.refusedOnce();
    }

    /** A refusal with the time to wait; Bucket4j keeps no queue, so there is no release to do. */
    @Benchmark
    public long bucket4jRefused() {
        return bucket4jBinding.refusedOnce();
    }

    /** The same benchmarks on 2 threads, one account (or bucket) per thread. */
    @Threads(2)
    public static class TwoThreads extends AdmissionBenchmark {
    }
}
