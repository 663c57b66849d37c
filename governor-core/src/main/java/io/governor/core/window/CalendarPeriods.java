package io.governor.core.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Local calendar days or hours of a zone as instants. A day starts at local midnight (or the first valid local
 * time when midnight falls in a DST gap), so it lasts 23, 24 or 25 hours; an hour starts at the top of the local
 * hour.
 */
public record CalendarPeriods(ZoneId zone, boolean daily) {

    public static CalendarPeriods of(Duration per, ZoneId zone) {
        if (per.equals(Duration.ofDays(1))) {
            return new CalendarPeriods(zone, true);
        }
        if (per.equals(Duration.ofHours(1))) {
            return new CalendarPeriods(zone, false);
        }
        throw new IllegalArgumentException("a calendar window must be 1d or 1h, was " + per);
    }

    /** Start of the period that contains instant {@code t} (epoch ms). */
    public long startOf(long t) {
        ZonedDateTime at = Instant.ofEpochMilli(t).atZone(zone);
        if (daily) {
            return at.toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return at.truncatedTo(ChronoUnit.HOURS).toInstant().toEpochMilli();
    }

    /** Start of the period after the one that starts at {@code start}. */
    public long nextStart(long start) {
        if (daily) {
            LocalDate day = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
            return day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        long candidate = startOf(start + 3_600_000L);
        // A half-hour DST shift can make the next local hour start less than an hour later; find it.
        return candidate > start ? candidate : startOf(start + 5_400_000L);
    }
}
