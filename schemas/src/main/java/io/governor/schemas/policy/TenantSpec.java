package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.util.List;
import java.util.Map;

/**
 * Limits that apply to each tenant of an account separately, and whether waiting tenants are released
 * in weighted fair turns ({@code weights} default 1 each).
 */
public record TenantSpec(List<LimitSpec> limits, boolean fair, Map<String, Double> weights) {
    public TenantSpec {
        limits = limits == null ? List.of() : List.copyOf(limits);
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        weights.forEach((tenant, w) -> {
            if (w == null || !(w > 0)) {
                throw new InvalidFieldException("weights." + tenant, "must be > 0, was " + w);
            }
        });
    }

    public double weightOf(String tenant) {
        return weights.getOrDefault(tenant, 1.0);
    }
}
