package io.governor.executor.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code Retry-After} (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date. A date is measured against
 * the response's own {@code Date} header when it has one, because the server's clock set both; otherwise
 * against our clock. Dates in the past give 0; anything unreadable gives null (as if the header were absent).
 */
public final class RetryAfter {
    /** IMF-fixdate and the two obsolete forms that RFC 9110 still asks recipients to accept. */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC));

    private RetryAfter() {
    }

    /**
     * Milliseconds to wait, or null when {@code retryAfter} is absent or unreadable.
     *
     * @param retryAfter   the header value
     * @param responseDate the response's {@code Date} header, may be null
     * @param nowMs        our clock, used when the response has no readable date
     */
    public static Long parseMs(String retryAfter, String responseDate, long nowMs) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Math.multiplyExact(Long.parseLong(value), 1000L);
            } catch (ArithmeticException | NumberFormatException e) {
                return Long.MAX_VALUE; // absurdly far: the server means "not soon"
            }
        }
        Long retryAt = httpDateMs(value);
        if (retryAt == null) {
            return null;
        }
        Long serverNow = responseDate == null ? null : httpDateMs(responseDate.trim());
        long reference = serverNow != null ? serverNow : nowMs;
        return Math.max(0, retryAt - reference);
    }

    /** Epoch ms of an HTTP-date, or null when it is not one. */
    public static Long httpDateMs(String text) {
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return ZonedDateTime.parse(text, format).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}
