package io.governor.schemas.event;

/**
 * An intent started waiting (or waits for a new reason). {@code window} names the binding limit (e.g. {@code 1h})
 * and {@code retryAt} estimates when it may pass; both are null when unknown.
 */
public record Deferral(
        @Required String intentId,
        @Required String account,
        @Required DeferralReason reason,
        String window,
        Long retryAt,
        int queueDepth,
        @Required long at) {

    public Deferral {
        EventChecks.requireText("intentId", intentId, EventChecks.ID_MAX);
        EventChecks.requireText("account", account, EventChecks.NAME_MAX);
        EventChecks.requirePresent("reason", reason);
        EventChecks.optionalText("window", window, EventChecks.NAME_MAX);
        EventChecks.optionalAtLeast("retryAt", retryAt, 0);
        EventChecks.requireAtLeast("queueDepth", queueDepth, 0);
        EventChecks.requireAtLeast("at", at, 0);
    }
}
