package io.governor.schemas.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.governor.schemas.InvalidFieldException;
import java.util.List;
import java.util.Map;

/**
 * A request to spend capacity on an account. {@code id} is the idempotency key.
 * Optional instants ({@code notBefore}, {@code deadline}, {@code createdAt}) are null when absent.
 */
public record Intent(
        @Required String id,
        @Required String account,
        String tenant,
        String lane,
        Priority priority,
        @JsonDeserialize(using = DefaultCost.class) int cost,
        String job,
        Long notBefore,
        Long deadline,
        Integer maxAttempts,
        List<String> fallbacks,
        String replyTo,
        HttpRequest request,
        Map<String, String> attributes,
        Long createdAt) {

    public Intent {
        EventChecks.requireText("id", id, 128);
        EventChecks.requireText("account", account, 512);
        priority = priority == null ? Priority.NORMAL : priority;
        if (cost < 1) {
            throw new InvalidFieldException("cost", "must be >= 1, was " + cost);
        }
        if (maxAttempts != null && maxAttempts < 1) {
            throw new InvalidFieldException("maxAttempts", "must be >= 1, was " + maxAttempts);
        }
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An intent with only the required fields, for tests and simple producers. */
    public static Intent of(String id, String account) {
        return new Intent(id, account, null, null, Priority.NORMAL, 1, null, null, null, null, null, null, null, null, null);
    }
}
