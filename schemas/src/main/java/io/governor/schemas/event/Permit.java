package io.governor.schemas.event;

import java.util.Map;

/**
 * Leave to make one call. The call may start only inside [{@code notBefore}, {@code validUntil}] (epoch ms);
 * {@code account} is the account actually granted (a fallback, perhaps), {@code attempt} is 0 for the first try
 * and {@code waitedMs} runs from the intent's first arrival to this permit.
 */
public record Permit(
        @Required String intentId,
        @Required String account,
        String lane,
        String tenant,
        Priority priority,
        @Required int cost,
        int attempt,
        @Required long permittedAt,
        @Required long notBefore,
        @Required long validUntil,
        long waitedMs,
        HttpRequest request,
        Map<String, String> attributes) {

    public Permit {
        EventChecks.requireText("intentId", intentId, EventChecks.ID_MAX);
        EventChecks.requireText("account", account, EventChecks.NAME_MAX);
        priority = priority == null ? Priority.NORMAL : priority;
        EventChecks.requireAtLeast("cost", cost, 1);
        EventChecks.requireAtLeast("attempt", attempt, 0);
        EventChecks.requireAtLeast("permittedAt", permittedAt, 0);
        EventChecks.requireAtLeast("notBefore", notBefore, 0);
        EventChecks.requireNotBefore("validUntil", validUntil, "notBefore", notBefore);
        EventChecks.requireAtLeast("waitedMs", waitedMs, 0);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** True when a call starting at {@code nowMs} is inside this permit's validity. */
    public boolean isValidAt(long nowMs) {
        return nowMs >= notBefore && nowMs <= validUntil;
    }
}
