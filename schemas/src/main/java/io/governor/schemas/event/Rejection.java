package io.governor.schemas.event;

/** An intent the governor will never permit; {@code detail} is a sentence for humans. */
public record Rejection(
        @Required String intentId,
        @Required String account,
        @Required RejectionReason reason,
        String detail,
        @Required long at) {

    public Rejection {
        EventChecks.requireText("intentId", intentId, EventChecks.ID_MAX);
        EventChecks.requireText("account", account, EventChecks.NAME_MAX);
        EventChecks.requirePresent("reason", reason);
        EventChecks.requireAtLeast("at", at, 0);
    }
}
