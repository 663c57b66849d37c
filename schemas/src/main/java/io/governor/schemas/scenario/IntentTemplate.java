package io.governor.schemas.scenario;

import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Intent fields a traffic entry gives every intent it generates. {@code deadline} and {@code notBefore}
 * are durations after the intent's creation; null fields are left out of the intents.
 */
public record IntentTemplate(
        String tenant,
        String lane,
        Priority priority,
        Integer cost,
        String job,
        Duration notBefore,
        Duration deadline,
        Integer maxAttempts,
        List<String> fallbacks,
        Map<String, String> attributes,
        HttpRequest request) {

    public static final IntentTemplate EMPTY =
            new IntentTemplate(null, null, null, null, null, null, null, null, null, null, null);

    public IntentTemplate {
        priority = priority == null ? Priority.NORMAL : priority;
        if (cost != null && cost < 1) {
            throw new InvalidFieldException("cost", "must be >= 1, was " + cost);
        }
        if (notBefore != null && notBefore.isNegative()) {
            throw new InvalidFieldException("notBefore", "must be a duration >= 0");
        }
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            throw new InvalidFieldException("deadline", "must be a positive duration");
        }
        if (maxAttempts != null && maxAttempts < 1) {
            throw new InvalidFieldException("maxAttempts", "must be >= 1, was " + maxAttempts);
        }
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The intent this template makes for {@code account}, created at {@code createdAtMs} (epoch ms). */
    public Intent toIntent(String id, String account, long createdAtMs) {
        return new Intent(id, account, tenant, lane, priority, cost == null ? 1 : cost, job,
                notBefore == null ? null : createdAtMs + notBefore.toMillis(),
                deadline == null ? null : createdAtMs + deadline.toMillis(),
                maxAttempts, fallbacks, null, request, attributes, createdAtMs);
    }
}
