package io.governor.executor.http;

import io.governor.schemas.event.RateLimitInfo;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what an upstream says about its own limit. Three dialects, first match wins:
 * <ol>
 *   <li>{@code X-RateLimit-Limit / -Remaining / -Reset} (GitHub, Twitter and most APIs);</li>
 *   <li>IETF draft {@code RateLimit-Limit / -Remaining / -Reset} (reset in seconds from now);</li>
 *   <li>the structured draft field {@code RateLimit: limit=100, remaining=50, reset=30}, also in the later
 *       {@code RateLimit: "default";r=50;t=30} form with the quota in {@code RateLimit-Policy: ...;q=100}.</li>
 * </ol>
 * {@code X-RateLimit-Reset} is ambiguous in the wild: GitHub sends epoch seconds, others seconds from now, a few
 * epoch milliseconds. Heuristic: a value of at least 10^12 is epoch ms, at least 10^9 (September 2001 as epoch
 * seconds, 31 years as a delay) is epoch seconds, anything smaller is seconds from now. Values may have fractions;
 * a list such as {@code 100, 100;w=60} counts by its first number.
 */
public final class RateLimitHeaders {
    private static final double EPOCH_MS_FROM = 1e12;
    private static final double EPOCH_SECONDS_FROM = 1e9;

    private RateLimitHeaders() {
    }

    /** The limit info of a response, or null when it carries none of the headers. */
    public static RateLimitInfo parse(HttpHeaders headers, long nowMs) {
        RateLimitInfo x = fromTriple(headers, "x-ratelimit-", nowMs, true);
        if (x != null) {
            return x;
        }
        RateLimitInfo ietf = fromTriple(headers, "ratelimit-", nowMs, false);
        if (ietf != null) {
            return ietf;
        }
        return headers.firstValue("ratelimit").map(v -> structured(v, headers.firstValue("ratelimit-policy"), nowMs))
                .orElse(null);
    }

    private static RateLimitInfo fromTriple(HttpHeaders headers, String prefix, long nowMs, boolean resetMayBeEpoch) {
        Double limit = headers.firstValue(prefix + "limit").map(RateLimitHeaders::firstNumber).orElse(null);
        Double remaining = headers.firstValue(prefix + "remaining").map(RateLimitHeaders::firstNumber).orElse(null);
        Double reset = headers.firstValue(prefix + "reset").map(RateLimitHeaders::firstNumber).orElse(null);
        if (limit == null && remaining == null && reset == null) {
            return null;
        }
        return info(limit, remaining, reset == null ? null : resetAt(reset, nowMs, resetMayBeEpoch));
    }

    private static RateLimitInfo structured(String value, Optional<String> policy, long nowMs) {
        Double limit = null;
        Double remaining = null;
        Double reset = null;
        for (String part : value.split("[,;]")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue; // a policy name such as "default"
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            Double number = firstNumber(part.substring(eq + 1));
            switch (key) {
                case "limit", "l", "q" -> limit = number;
                case "remaining", "r" -> remaining = number;
                case "reset", "t" -> reset = number;
                default -> { }
            }
        }
        if (limit == null && policy.isPresent()) {
            for (String part : policy.get().split("[,;]")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    limit = firstNumber(p.substring(2));
                    break;
                }
            }
        }
        if (limit == null && remaining == null && reset == null) {
            return null;
        }
        return info(limit, remaining, reset == null ? null : resetAt(reset, nowMs, false));
    }

    private static Long resetAt(double reset, long nowMs, boolean mayBeEpoch) {
        if (mayBeEpoch && reset >= EPOCH_MS_FROM) {
            return (long) reset;
        }
        if (mayBeEpoch && reset >= EPOCH_SECONDS_FROM) {
            return (long) Math.ceil(reset * 1000);
        }
        return nowMs + (long) Math.ceil(reset * 1000);
    }

    private static RateLimitInfo info(Double limit, Double remaining, Long resetAt) {
        return new RateLimitInfo(wholeOrNull(limit), wholeOrNull(remaining),
                resetAt == null || resetAt < 0 ? null : resetAt);
    }

    private static Long wholeOrNull(Double d) {
        return d == null || d < 0 ? null : (long) Math.floor(d);
    }

    /** The first decimal number in {@code text}, or null. */
    static Double firstNumber(String text) {
        int start = -1;
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean numeric = (c >= '0' && c <= '9') || c == '.';
            if (start < 0 && numeric) {
                start = i;
            } else if (start >= 0 && !numeric) {
                end = i;
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        try {
            double d = Double.parseDouble(text.substring(start, end));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
