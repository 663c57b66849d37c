package io.governor.core.testing;

import io.governor.schemas.policy.LimitSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test oracle: checks the guarantee by brute force over the permits' spans, sharing no code with the
 * windows. Rolling: no half-open interval [s, s + per) meets spans of more than {@code allowed} units. Calendar:
 * no local day/hour [start, nextStart) meets spans of more than {@code allowed} units.
 */
public final class LimitOracle {
    /** A granted call window [notBefore, validUntil] (inclusive) of {@code cost} units. */
    public record Span(long notBefore, long validUntil, int cost) {
    }

    private LimitOracle() {
    }

    /** Null when the spans keep the limit, else a description of the first violation. */
    public static String violation(LimitSpec limit, long allowed, List<Span> spans) {
        return limit.calendar() ? calendarViolation(limit, allowed, spans) : rollingViolation(limit, allowed, spans);
    }

    /** Units in the worst interval of the limit that a new span would join (for work-conservation checks). */
    public static boolean wouldViolate(LimitSpec limit, long allowed, List<Span> spans, Span extra) {
        List<Span> all = new ArrayList<>(spans);
        all.add(extra);
        return violation(limit, allowed, all) != null;
    }

    private static String rollingViolation(LimitSpec limit, long allowed, List<Span> spans) {
        long per = limit.per().toMillis();
        // An interval [s, s+per) meets span j iff s in [nb_j − per + 1, vu_j]; the count is highest at some left end.
        for (Span j : spans) {
            long s = j.notBefore() - per + 1;
            long units = 0;
            for (Span k : spans) {
                if (k.notBefore() < s + per && k.validUntil() >= s) {
                    units += k.cost();
                }
            }
            if (units > allowed) {
                return units + " units in [" + s + ", " + (s + per) + ") of " + limit.windowName() + ", allowed "
                        + allowed;
            }
        }
        return null;
    }

    private static String calendarViolation(LimitSpec limit, long allowed, List<Span> spans) {
        boolean daily = limit.per().equals(Duration.ofDays(1));
        Map<Long, Long> perPeriod = new HashMap<>();
        for (Span sp : spans) {
            long first = periodStart(limit, daily, sp.notBefore());
            long last = periodStart(limit, daily, sp.validUntil());
            perPeriod.merge(first, (long) sp.cost(), Long::sum);
            if (last != first) {
                perPeriod.merge(last, (long) sp.cost(), Long::sum);
            }
        }
        for (var e : perPeriod.entrySet()) {
            if (e.getValue() > allowed) {
                return e.getValue() + " units in the period starting " + Instant.ofEpochMilli(e.getKey()) + " of "
                        + limit.windowName() + ", allowed " + allowed;
            }
        }
        return null;
    }

    private static long periodStart(LimitSpec limit, boolean daily, long t) {
        ZonedDateTime at = Instant.ofEpochMilli(t).atZone(limit.zone());
        ZonedDateTime start = daily ? at.toLocalDate().atStartOfDay(limit.zone()) : at.truncatedTo(ChronoUnit.HOURS);
        return start.toInstant().toEpochMilli();
    }
}
