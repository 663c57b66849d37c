package io.governor.schemas.scenario;

import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.policy.LimitSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The truth a simulated API enforces for one account: its limits (per lane when {@code perLane}), counted by
 * {@code algorithm}; its latency; random 5xx at {@code errorRate}; outages; and a ban (403 for {@code banFor})
 * after {@code banAfterViolations} over-limit calls, when that is set. {@code deadLanes} names lanes (proxies,
 * IPs) that never reach the API: every call on one times out, and the truth never counts it.
 */
public record UpstreamSpec(List<LimitSpec> limits, boolean perLane, UpstreamAlgorithm algorithm, LatencySpec latency,
                           double errorRate, List<OutageSpec> outages, Integer banAfterViolations, Duration banFor,
                           List<String> deadLanes) {
    public static final Duration DEFAULT_BAN = Duration.ofHours(24);

    /** Without dead lanes. */
    public UpstreamSpec(List<LimitSpec> limits, boolean perLane, UpstreamAlgorithm algorithm, LatencySpec latency,
                        double errorRate, List<OutageSpec> outages, Integer banAfterViolations, Duration banFor) {
        this(limits, perLane, algorithm, latency, errorRate, outages, banAfterViolations, banFor, null);
    }

    public UpstreamSpec {
        limits = limits == null ? List.of() : List.copyOf(limits);
        algorithm = algorithm == null ? UpstreamAlgorithm.SLIDING : algorithm;
        latency = latency == null ? LatencySpec.DEFAULT : latency;
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new InvalidFieldException("errorRate", "must be in [0,1], was " + errorRate);
        }
        outages = outages == null ? List.of() : List.copyOf(outages);
        if (banAfterViolations != null && banAfterViolations < 1) {
            throw new InvalidFieldException("banAfterViolations", "must be >= 1, was " + banAfterViolations);
        }
        if (banFor != null && banAfterViolations == null) {
            throw new InvalidFieldException("banFor", "needs banAfterViolations");
        }
        banFor = banAfterViolations == null ? null : banFor == null ? DEFAULT_BAN : banFor;
        if (banFor != null && (banFor.isZero() || banFor.isNegative())) {
            throw new InvalidFieldException("banFor", "must be a positive duration");
        }
        deadLanes = deadLanes == null ? List.of() : List.copyOf(deadLanes);
        for (int i = 0; i < deadLanes.size(); i++) {
            if (deadLanes.get(i).isBlank() || deadLanes.indexOf(deadLanes.get(i)) != i) {
                throw new InvalidFieldException("deadLanes[" + i + "]", "must be a lane named once, was \""
                        + deadLanes.get(i) + "\"");
            }
        }
    }

    /** The dead lanes among {@code members} (lanes of the account's policy). */
    public Set<String> deadLaneNames(List<String> members) {
        Set<String> dead = new HashSet<>(deadLanes);
        dead.retainAll(members);
        return dead;
    }
}
