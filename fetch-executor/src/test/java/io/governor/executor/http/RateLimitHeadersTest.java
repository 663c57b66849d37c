package io.governor.executor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.governor.schemas.event.RateLimitInfo;
import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
    private static final long NOW = 1_767_603_600_000L; // 2026-01-05T09:00:00Z

    private static HttpHeaders headers(String... nameValues) {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Test
    void shouldReadXRateLimitWithResetInSecondsFromNow() {
        RateLimitInfo info = RateLimitHeaders.parse(headers(
                "X-RateLimit-Limit", "60", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "17"), NOW);
        assertEquals(new RateLimitInfo(60L, 0L, NOW + 17_000), info);
    }

    @Test
    void shouldReadXRateLimitResetAsEpochSecondsWhenItLooksLikeOne() {
        RateLimitInfo info = RateLimitHeaders.parse(headers("x-ratelimit-reset", "1767603660"), NOW);
        assertEquals(NOW + 60_000, info.resetAt());
    }

    @Test
    void shouldReadXRateLimitResetAsEpochMillisWhenItLooksLikeOne() {
        RateLimitInfo info = RateLimitHeaders.parse(headers("X-RateLimit-Reset", "1767603660000"), NOW);
        assertEquals(NOW + 60_000, info.resetAt());
    }

    @Test
    void shouldReadIetfHeadersWithResetAlwaysADelay() {
        RateLimitInfo info = RateLimitHeaders.parse(headers(
                "RateLimit-Limit", "100, 100;w=60", "RateLimit-Remaining", "42", "RateLimit-Reset", "1.5"), NOW);
        assertEquals(new RateLimitInfo(100L, 42L, NOW + 1_500), info);
    }

    @Test
    void shouldReadTheStructuredRateLimitField() {
        assertEquals(new RateLimitInfo(100L, 50L, NOW + 30_000), RateLimitHeaders.parse(
                headers("RateLimit", "limit=100, remaining=50, reset=30"), NOW));
        assertEquals(new RateLimitInfo(100L, 50L, NOW + 30_000), RateLimitHeaders.parse(
                headers("RateLimit", "\"default\";r=50;t=30", "RateLimit-Policy", "\"default\";q=100;w=60"), NOW));
    }

    @Test
    void shouldPreferXRateLimitAndKeepMissingPartsNull() {
        RateLimitInfo info = RateLimitHeaders.parse(headers(
                "X-RateLimit-Remaining", "3", "RateLimit-Limit", "100"), NOW);
        assertEquals(new RateLimitInfo(null, 3L, null), info);
    }

    @Test
    void shouldGiveNullWithoutRateLimitHeaders() {
        assertNull(RateLimitHeaders.parse(headers("Content-Type", "text/plain"), NOW));
        assertNull(RateLimitHeaders.parse(headers("X-RateLimit-Limit", "unknown"), NOW));
    }
}
