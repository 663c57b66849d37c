package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.event.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One account's policy, complete after {@code defaults} were merged in. Optional sections are null when the
 * feature is off: {@code concurrency} (no cap), {@code tenants}, {@code job}, {@code lanes},
 * {@code adaptive}, {@code circuit}, {@code alerts}.
 */
public record AccountPolicy(
        List<LimitSpec> limits,
        double safety,
        Pacing pacing,
        Duration jitter,
        Integer concurrency,
        Duration lease,
        Duration validity,
        QueueSpec queue,
        Map<Priority, Double> priorities,
        TenantSpec tenants,
        JobSpec job,
        LaneSpec lanes,
        AdaptiveSpec adaptive,
        RetrySpec retry,
        CircuitSpec circuit,
        ForbiddenSpec forbidden,
        AlertSpec alerts,
        ExecutorSpec executor) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_VALIDITY = Duration.ofMillis(50);

    public AccountPolicy {
        limits = limits == null ? List.of() : List.copyOf(limits);
        if (limits.isEmpty() && (lanes == null || lanes.limits().isEmpty())) {
            throw new InvalidFieldException("limits", "an account needs at least one limit (or lanes.limits)");
        }
        if (!(safety > 0 && safety <= 1)) {
            throw new InvalidFieldException("safety", "must be in (0,1], was " + safety);
        }
        pacing = pacing == null ? Pacing.SMOOTH : pacing;
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (jitter.isNegative()) {
            throw new InvalidFieldException("jitter", "must be a duration >= 0");
        }
        if (concurrency != null && concurrency < 1) {
            throw new InvalidFieldException("concurrency", "must be >= 1, was " + concurrency);
        }
        lease = lease == null ? DEFAULT_LEASE : lease;
        if (lease.isZero() || lease.isNegative()) {
            throw new InvalidFieldException("lease", "must be a positive duration");
        }
        validity = validity == null ? DEFAULT_VALIDITY : validity;
        if (validity.isZero() || validity.isNegative()) {
            throw new InvalidFieldException("validity", "must be a positive duration");
        }
        queue = queue == null ? QueueSpec.DEFAULT : queue;
        var shares = new EnumMap<Priority, Double>(Priority.class);
        for (Priority p : Priority.values()) {
            shares.put(p, 1.0);
        }
        if (priorities != null) {
            priorities.forEach((p, share) -> {
                if (share == null || !(share > 0 && share <= 1)) {
                    throw new InvalidFieldException("priorities." + p, "must be in (0,1], was " + share);
                }
                shares.put(p, share);
            });
        }
        priorities = Map.copyOf(shares);
        retry = retry == null ? RetrySpec.NONE : retry;
        forbidden = forbidden == null ? ForbiddenSpec.DEFAULT : forbidden;
        executor = executor == null ? new ExecutorSpec(null, null, null) : executor;
    }

    /** Share of each window usable by {@code priority} (1.0 unless the policy reserves some). */
    public double shareOf(Priority priority) {
        return priorities.get(priority);
    }

    /** The number of cost units a window of {@code limit} may admit: floor(max × safety), at least 1. */
    public long allowed(LimitSpec limit) {
        return Math.max(1, (long) Math.floor(limit.max() * safety));
    }
}
