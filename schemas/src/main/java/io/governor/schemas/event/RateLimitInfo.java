package io.governor.schemas.event;

/**
 * What the upstream said about its own limit ({@code X-RateLimit-*} or IETF {@code RateLimit-*} headers).
 * Each part is null when the answer did not carry it; {@code resetAt} is epoch ms.
 */
public record RateLimitInfo(Long limit, Long remaining, Long resetAt) {
    public RateLimitInfo {
        EventChecks.optionalAtLeast("limit", limit, 0);
        EventChecks.optionalAtLeast("remaining", remaining, 0);
        EventChecks.optionalAtLeast("resetAt", resetAt, 0);
    }
}
