package io.governor.simulator.upstream;

import io.governor.schemas.event.RateLimitInfo;

/**
 * What the simulated upstream answered to one call. {@code retryAfterMs} is set on 429 (whole seconds, as a
 * Retry-After header carries), {@code rateLimit} is the X-RateLimit-* headers of the tightest window (null when
 * the upstream has no limits), {@code violation} is true when the truth's exact log says the call was over a
 * limit, whatever the status says. Status {@link #NO_ANSWER} (0) is a call that never got an answer: it timed out
 * after {@code latencyMs} (a dead lane).
 */
public record Answer(int status, Long retryAfterMs, RateLimitInfo rateLimit, long latencyMs, boolean violation) {

    public static final int TOO_MANY_REQUESTS = 429;
    public static final int FORBIDDEN = 403;
    public static final int RANDOM_ERROR = 500;
    public static final int NO_ANSWER = 0;

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
