package io.governor.schemas.scenario;

import io.governor.schemas.DurationText;
import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.PolicyDocument;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A simulator run: the policy under test, the truth of each simulated {@code upstream}, and the
 * {@code traffic} offered, from {@code start} for {@code duration}, every random choice drawn from {@code seed}.
 * Validated as a whole: every traffic account (and fallback) has a policy, lanes asked for exist, and every
 * outage ends within the run.
 */
public record Scenario(String name, long seed, OffsetDateTime start, Duration duration, PolicyDocument policy,
                       Map<String, UpstreamSpec> upstream, List<TrafficSpec> traffic) {

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "is required");
        }
        if (start == null) {
            throw new InvalidFieldException("start", "is required");
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new InvalidFieldException("duration", "must be a positive duration");
        }
        if (policy == null) {
            throw new InvalidFieldException("policy", "is required");
        }
        upstream = upstream == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(upstream));
        traffic = traffic == null ? List.of() : List.copyOf(traffic);
        if (traffic.isEmpty()) {
            throw new InvalidFieldException("traffic", "must have at least one entry");
        }
        for (var e : upstream.entrySet()) {
            List<OutageSpec> outages = e.getValue().outages();
            for (int i = 0; i < outages.size(); i++) {
                if (outages.get(i).to().compareTo(duration) > 0) {
                    throw new InvalidFieldException("upstream." + e.getKey() + ".outages[" + i + "].to",
                            "must be within the scenario's duration (" + DurationText.format(duration) + "), was "
                                    + DurationText.format(outages.get(i).to()));
                }
            }
        }
        for (int i = 0; i < traffic.size(); i++) {
            checkAccounts(policy, traffic.get(i), "traffic[" + i + "]");
        }
    }

    private static void checkAccounts(PolicyDocument policy, TrafficSpec entry, String at) {
        String account;
        IntentTemplate template;
        if (entry instanceof BacklogTraffic b) {
            account = b.account();
            template = b.template();
        } else if (entry instanceof RateTraffic r) {
            account = r.account();
            template = r.template();
        } else {
            return;
        }
        AccountPolicy own = known(policy, account, at + ".account");
        if (template.lane() != null) {
            List<String> lanes = own.lanes() == null ? List.of() : own.lanes().members();
            if (!lanes.contains(template.lane())) {
                throw new InvalidFieldException(at + ".lane", "account \"" + account + "\" has no lane \""
                        + template.lane() + "\"" + (lanes.isEmpty() ? " (its policy has no lanes)" : " (lanes: "
                        + String.join(", ", lanes) + ")"));
            }
        }
        for (int j = 0; j < template.fallbacks().size(); j++) {
            known(policy, template.fallbacks().get(j), at + ".fallbacks[" + j + "]");
        }
    }

    private static AccountPolicy known(PolicyDocument policy, String account, String at) {
        Optional<AccountPolicy> p = policy.policyFor(account);
        if (p.isEmpty()) {
            throw new InvalidFieldException(at, "account \"" + account + "\" is not in the policy, and the policy's "
                    + "defaults have no limits to cover it (accounts: " + String.join(", ", new TreeSet<>(policy.accounts().keySet())) + ")");
        }
        return p.get();
    }

    /** The start as epoch milliseconds, the simulator's time zero. */
    public long startMs() {
        return start.toInstant().toEpochMilli();
    }

    /** The end as epoch milliseconds. */
    public long endMs() {
        return startMs() + duration.toMillis();
    }
}
