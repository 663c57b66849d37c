package io.governor.streams.topology;

import io.governor.schemas.event.Permit;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Independent check of the guarantee, written the plain way: a permit counts in every window its span
 * [notBefore, validUntil] meets. Deliberately shares no code with the core it checks.
 */
public final class WindowOracle {
    private WindowOracle() {
    }

    /** Most permits (by cost) meeting any half-open interval of length {@code perMs}. */
    public static long maxInAnyRollingWindow(List<Permit> permits, long perMs) {
        long worst = 0;
        for (Permit start : permits) {
            // The count only rises when an interval's end passes a notBefore, so it peaks at t = notBefore − per + 1.
            long t = start.notBefore() - perMs + 1;
            long count = 0;
            for (Permit p : permits) {
                if (p.notBefore() < t + perMs && p.validUntil() >= t) {
                    count += p.cost();
                }
            }
            worst = Math.max(worst, count);
        }
        return worst;
    }

    /** Permits (by cost) per local calendar day of {@code zone}, a permit counting in every day its span meets. */
    public static Map<String, Long> perCalendarDay(List<Permit> permits, ZoneId zone) {
        Map<String, Long> days = new HashMap<>();
        for (Permit p : permits) {
            ZonedDateTime first = Instant.ofEpochMilli(p.notBefore()).atZone(zone).truncatedTo(ChronoUnit.DAYS);
            ZonedDateTime last = Instant.ofEpochMilli(p.validUntil()).atZone(zone).truncatedTo(ChronoUnit.DAYS);
            for (ZonedDateTime d = first; !d.isAfter(last); d = d.plusDays(1)) {
                days.merge(d.toLocalDate().toString(), (long) p.cost(), Long::sum);
            }
        }
        return days;
    }
}
