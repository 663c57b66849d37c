package io.governor.schemas.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What happened to a permitted call. {@code status} is the HTTP status, 0 when there was no answer (then
 * {@code error} says why). {@code retryAfterMs} comes from {@code Retry-After}, {@code rateLimit} from the
 * rate-limit headers; both null when absent. {@code startedAt} is when the executor really started the call.
 */
public record Outcome(
        @Required String intentId,
        @Required String account,
        String lane,
        int attempt,
        @Required int status,
        OutcomeError error,
        long latencyMs,
        Long retryAfterMs,
        RateLimitInfo rateLimit,
        @Required long startedAt,
        @Required long finishedAt,
        String executor) {

    public Outcome {
        EventChecks.requireText("intentId", intentId, EventChecks.ID_MAX);
        EventChecks.requireText("account", account, EventChecks.NAME_MAX);
        EventChecks.requireAtLeast("attempt", attempt, 0);
        EventChecks.requireBetween("status", status, 0, 999);
        EventChecks.requireAtLeast("latencyMs", latencyMs, 0);
        EventChecks.optionalAtLeast("retryAfterMs", retryAfterMs, 0);
        EventChecks.requireAtLeast("startedAt", startedAt, 0);
        EventChecks.requireNotBefore("finishedAt", finishedAt, "startedAt", startedAt);
    }

    /** True for 429 Too Many Requests. */
    @JsonIgnore // a view of status, not a field of the event
    public boolean isRateLimited() {
        return status == 429;
    }

    /** True for a 2xx answer. */
    @JsonIgnore
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
