package io.governor.core.testing;

import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.AdaptiveSpec;
import io.governor.schemas.policy.CircuitSpec;
import io.governor.schemas.policy.ForbiddenSpec;
import io.governor.schemas.policy.JobSpec;
import io.governor.schemas.policy.LaneSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.Pacing;
import io.governor.schemas.policy.QueueSpec;
import io.governor.schemas.policy.RetrySpec;
import io.governor.schemas.policy.TenantSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds AccountPolicy records for tests without their eighteen positional fields. */
public final class TestPolicy {
    private final List<LimitSpec> limits = new ArrayList<>();
    private double safety = 1.0;
    private Pacing pacing = Pacing.BURST;
    private Duration jitter = Duration.ZERO;
    private Duration validity = Duration.ofMillis(1);
    private QueueSpec queue;
    private Map<Priority, Double> priorities;
    private TenantSpec tenants;
    private JobSpec job;
    private LaneSpec lanes;
    private Integer concurrency;
    private Duration lease;
    private AdaptiveSpec adaptive;
    private RetrySpec retry;
    private CircuitSpec circuit;
    private ForbiddenSpec forbidden;

    public static TestPolicy policy() {
        return new TestPolicy();
    }

    public static LimitSpec rolling(long max, Duration per) {
        return LimitSpec.rolling(max, per);
    }

    public static LimitSpec calendar(long max, Duration per, String zone) {
        return LimitSpec.calendar(max, per, ZoneId.of(zone));
    }

    public TestPolicy limit(LimitSpec l) {
        limits.add(l);
        return this;
    }

    public TestPolicy limits(List<LimitSpec> ls) {
        limits.addAll(ls);
        return this;
    }

    public TestPolicy safety(double s) {
        safety = s;
        return this;
    }

    public TestPolicy pacing(Pacing p) {
        pacing = p;
        return this;
    }

    public TestPolicy jitter(Duration d) {
        jitter = d;
        return this;
    }

    public TestPolicy validity(Duration d) {
        validity = d;
        return this;
    }

    public TestPolicy queueMax(int max) {
        queue = new QueueSpec(max);
        return this;
    }

    public TestPolicy priorities(Map<Priority, Double> shares) {
        priorities = shares;
        return this;
    }

    public TestPolicy tenants(List<LimitSpec> ls, boolean fair) {
        tenants = new TenantSpec(ls, fair, null);
        return this;
    }

    public TestPolicy job(int maxCalls) {
        job = new JobSpec(maxCalls);
        return this;
    }

    public TestPolicy lanes(List<String> members, List<LimitSpec> ls) {
        lanes = new LaneSpec(members, ls);
        return this;
    }

    public TestPolicy concurrency(int max) {
        concurrency = max;
        return this;
    }

    public TestPolicy lease(Duration d) {
        lease = d;
        return this;
    }

    public TestPolicy adaptive(double decrease, double increase, double floor, Duration every) {
        adaptive = new AdaptiveSpec(decrease, increase, floor, every);
        return this;
    }

    public TestPolicy retry(int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff,
                            double jitterMin, double jitterMax) {
        retry = new RetrySpec(maxAttempts, backoff, multiplier, maxBackoff, jitterMin, jitterMax);
        return this;
    }

    public TestPolicy circuit(int consecutive, double errorRate, Duration window, int minCalls, Duration cooldown,
                              int probes) {
        circuit = new CircuitSpec(consecutive, errorRate, window, minCalls, cooldown, probes);
        return this;
    }

    public TestPolicy forbiddenPause(Duration d) {
        forbidden = new ForbiddenSpec(d);
        return this;
    }

    public AccountPolicy build() {
        return new AccountPolicy(limits, safety, pacing, jitter, concurrency, lease, validity, queue, priorities,
                tenants, job, lanes, adaptive, retry, circuit, forbidden, null, null);
    }
}
