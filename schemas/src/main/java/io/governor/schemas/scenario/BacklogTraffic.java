package io.governor.schemas.scenario;

import io.governor.schemas.InvalidFieldException;

/** {@code count} intents for {@code account}, all offered at the scenario's start. */
public record BacklogTraffic(String account, long count, IntentTemplate template) implements TrafficSpec {
    public BacklogTraffic {
        if (account == null || account.isBlank()) {
            throw new InvalidFieldException("account", "is required");
        }
        if (count < 1) {
            throw new InvalidFieldException("backlog", "must be >= 1, was " + count);
        }
        template = template == null ? IntentTemplate.EMPTY : template;
    }
}
