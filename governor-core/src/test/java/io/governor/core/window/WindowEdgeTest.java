package io.governor.core.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.policy.LimitSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WindowEdgeTest {
    private static final long PER = 1_000;

    private static boolean allows(Window w, long t, int cost, long cap) {
        return w.earliest(t, cost, cap) == t;
    }

    @ParameterizedTest(name = "validity {0} ms: a full window reopens at validUntil + per ({1}±1)")
    @CsvSource({"0, 1000", "1, 1001", "50, 1050"})
    void shouldReopenRollingLogExactlyWhenTheOldestSpanLeavesTheWindow(long validity, long reopen) {
        var w = new RollingLog(LimitSpec.rolling(5, Duration.ofMillis(PER)), 5);
        for (int i = 0; i < 5; i++) {
            w.record(0, validity, 1);
        }
        assertEquals(reopen, w.earliest(0, 1, 5));
        assertTrue(!allows(w, reopen - 1, 1, 5), "per - 1 ms after the span must still be full");
        assertTrue(allows(w, reopen, 1, 5), "exactly per after the span must be open");
        assertTrue(allows(w, reopen + 1, 1, 5), "per + 1 ms after the span must be open");
    }

    @Test
    void shouldCountTheNthMostRecentUnitForARollingLog() {
        var w = new RollingLog(LimitSpec.rolling(3, Duration.ofMillis(PER)), 3);
        w.record(0, 10, 1);
        w.record(100, 110, 1);
        w.record(200, 210, 1);
        assertEquals(1_010, w.earliest(300, 1, 3), "the oldest of three must leave");
        assertEquals(1_110, w.earliest(300, 2, 3), "two units need the two oldest gone");
        assertEquals(1_210, w.earliest(300, 1, 1), "a cap of one waits for the newest");
    }

    @Test
    void shouldKeepCostUnitsInTheRollingLog() {
        var w = new RollingLog(LimitSpec.rolling(4, Duration.ofMillis(PER)), 4);
        w.record(0, 0, 3);
        assertTrue(allows(w, 1, 1, 4));
        assertEquals(1_000, w.earliest(1, 2, 4));
    }

    @Test
    void shouldReopenEvenlySpacedBucketsExactlyWhenTheLogDoes() {
        long per = 64_000;
        var spec = LimitSpec.rolling(1000, Duration.ofMillis(per));
        var exact = new RollingLog(spec, 1000);
        var buckets = new RollingBuckets(spec, 1000);
        long t = 0;
        for (int i = 0; i < 1000; i++) {
            t += 37;
            exact.record(t, t + 5, 1);
            buckets.record(t, t + 5, 1);
        }
        for (long probe = t; probe < t + 2 * per; probe += 501) {
            assertEquals(exact.earliest(probe, 1, 1000), buckets.earliest(probe, 1, 1000), "at " + probe);
            assertEquals(exact.earliest(probe, 3, 1000), buckets.earliest(probe, 3, 1000), "cost 3 at " + probe);
        }
    }

    /** A paced 1000/h window full for the hour: each unit leaves at exactly its validUntil + per, not later. */
    @ParameterizedTest(name = "the {0}-th oldest unit leaves at validUntil + per ({1} ms)")
    @CsvSource({"1, 3600051", "2, 3601052", "57, 3656107", "58, 3657108", "1000, 4600050"})
    void shouldReopenAFullPacedHourAtTheExactMillisecond(int k, long reopen) {
        var buckets = new RollingBuckets(LimitSpec.rolling(1000, Duration.ofHours(1)), 1000);
        for (int i = 0; i < 1000; i++) {
            long nb = 1 + 1_001L * i; // 60/min pacing: 1,001 ms apart, validity 50 ms
            buckets.record(nb, nb + 50, 1);
        }
        // The k-th oldest unit must have left for a permit whose k − 1 older units are gone too (cap 1000 − k + 1).
        long cap = 1000 - k + 1;
        assertEquals(reopen, buckets.earliest(0, 1, cap));
        assertTrue(!allows(buckets, reopen - 1, 1, cap), "per − 1 ms after the span must still be full");
        assertTrue(allows(buckets, reopen, 1, cap), "exactly per after the span must be open");
        assertTrue(allows(buckets, reopen + 1, 1, cap), "per + 1 ms after the span must be open");
    }

    @Test
    void shouldBoundUnevenBucketsByTheirLeastGap() {
        long per = 64_000; // buckets 1,000 ms wide
        var buckets = new RollingBuckets(LimitSpec.rolling(200, Duration.ofMillis(per)), 200);
        buckets.record(100, 100, 1);
        buckets.record(300, 300, 1); // gap 200
        buckets.record(900, 900, 1); // gap 600: least gap 200
        assertEquals(900 + per, buckets.earliest(0, 1, 1), "the newest unit is known exactly");
        assertEquals(700 + per, buckets.earliest(0, 1, 2), "the second newest is at most 900 − 200");
        assertEquals(500 + per, buckets.earliest(0, 1, 3), "the oldest is at most 900 − 2 × 200, never later");
        buckets.record(900, 900, 2); // several units at once: only the newest bounds the bucket
        assertEquals(900 + per, buckets.earliest(0, 1, 4));
    }

    @Test
    void shouldReadBucketsOfTheOldLayoutAsEndingAtTheirBucketEnd() throws java.io.IOException {
        long per = 64_000;
        var spec = LimitSpec.rolling(200, Duration.ofMillis(per));
        var old = new java.io.ByteArrayOutputStream();
        var out = new java.io.DataOutputStream(old);
        VarInts.write(out, 1); // one bucket (layout 1: index, count)
        out.writeLong(0); // bucket [0, 1000)
        VarInts.write(out, 200);
        var buckets = new RollingBuckets(spec, 200);
        buckets.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(old.toByteArray())),
                Window.LAYOUT_BUCKET_COUNTS);
        assertEquals(999 + per, buckets.earliest(0, 1, 200), "an old bucket counts until its end");
    }

    @ParameterizedTest(name = "hourly calendar at {0}: open {1}")
    @CsvSource({
        "2026-01-05T10:59:59.999, false",
        "2026-01-05T11:00:00.000, true",
        "2026-01-05T11:00:00.001, true"})
    void shouldResetAnHourlyCalendarWindowAtTheTopOfTheHour(String local, boolean open) {
        var w = new CalendarWindow(LimitSpec.calendar(3, Duration.ofHours(1), ZoneId.of("UTC")), 3, 0);
        long tenOClock = at("2026-01-05T10:00:00", "UTC");
        w.record(tenOClock, tenOClock, 3);
        assertEquals(open, allows(w, at(local, "UTC"), 1, 3));
    }

    @Test
    void shouldCountASpanCrossingTheHourInBothHours() {
        var w = new CalendarWindow(LimitSpec.calendar(2, Duration.ofHours(1), ZoneId.of("UTC")), 2, 10);
        long eleven = at("2026-01-05T11:00:00", "UTC");
        w.record(eleven - 20, eleven - 10, 1); // ends before 11:00, counts in hour 10 only
        w.record(eleven - 5, eleven + 5, 1);  // crosses 11:00
        assertEquals(1, w.usedAt(eleven), "the crossing span counts in hour 11");
        assertTrue(allows(w, eleven, 1, 2));
        assertTrue(!allows(w, eleven - 10, 1, 2), "a third span meeting hour 10 must wait");
        assertEquals(eleven, w.earliest(eleven - 10, 1, 2));
    }

    @ParameterizedTest(name = "{0}: the Sydney day is {1} hours and resets at local midnight")
    @CsvSource({"2026-04-05, 25", "2026-10-04, 23", "2026-01-05, 24"})
    void shouldResetADailySydneyWindowAtLocalMidnightAcrossDst(String day, int hours) {
        String zone = "Australia/Sydney";
        var w = new CalendarWindow(LimitSpec.calendar(60_000, Duration.ofDays(1), ZoneId.of(zone)), 60_000, 50);
        long midnight = at(day + "T00:00:00", zone);
        long nextMidnight = at(java.time.LocalDate.parse(day).plusDays(1) + "T00:00:00", zone);
        assertEquals(hours * 3_600_000L, nextMidnight - midnight);
        w.record(midnight + 1_000, midnight + 1_050, 60_000);
        assertEquals(nextMidnight, w.earliest(midnight + 2_000, 1, 60_000));
        assertTrue(!allows(w, nextMidnight - 1, 1, 60_000), "one ms before local midnight is still full");
        assertTrue(allows(w, nextMidnight, 1, 60_000));
        assertTrue(allows(w, nextMidnight + 1, 1, 60_000));
    }

    @Test
    void shouldMakeEveryLocalHourOfTheRepeatedSydneyHourItsOwnPeriod() {
        String zone = "Australia/Sydney";
        var periods = CalendarPeriods.of(Duration.ofHours(1), ZoneId.of(zone));
        // 2026-04-05 03:00 AEDT falls back to 02:00 AEST: the local hour 02:00 happens twice.
        long first = LocalDateTime.parse("2026-04-05T02:00:00").atOffset(ZoneOffset.ofHours(11)).toInstant().toEpochMilli();
        long second = LocalDateTime.parse("2026-04-05T02:00:00").atOffset(ZoneOffset.ofHours(10)).toInstant().toEpochMilli();
        assertEquals(3_600_000L, second - first);
        assertEquals(first, periods.startOf(first + 1_800_000));
        assertEquals(second, periods.nextStart(first));
        assertEquals(second, periods.startOf(second + 1));
    }

    private static long at(String local, String zone) {
        return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
    }

    @Test
    void shouldPaceSmoothSetsSoThePacingNeverTripsTheShortestWindow() {
        var set = new WindowSet("", java.util.List.of(LimitSpec.rolling(5, Duration.ofSeconds(1)),
                LimitSpec.calendar(60_000, Duration.ofDays(1), ZoneId.of("Australia/Sydney"))),
                new long[] {5, 60_000}, java.util.Map.of(), true, 50);
        assertEquals(210, set.paceIntervalMs(), "(1000 + 50) / 5");
        long t = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 20; i++) {
            long e = set.earliest(t, 1, io.governor.schemas.event.Priority.NORMAL, null);
            assertEquals(t, e, "pacing alone must decide permit " + i);
            set.record(e, e + 50, 1);
            t = e + 210;
        }
    }

    @Test
    void shouldForgetThePacingOfOldLimitsWhenTheStateIsReadUnderNewOnes() throws java.io.IOException {
        var hourly = new WindowSet("", java.util.List.of(LimitSpec.rolling(1, Duration.ofHours(1))),
                new long[] {1}, java.util.Map.of(), true, 50);
        long t = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
        hourly.record(t, t + 50, 1);
        var bytes = new java.io.ByteArrayOutputStream();
        hourly.writeState(new java.io.DataOutputStream(bytes));

        var fast = new WindowSet("", java.util.List.of(LimitSpec.rolling(100, Duration.ofSeconds(1))),
                new long[] {100}, java.util.Map.of(), true, 50);
        fast.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                Window.LAYOUT_BUCKET_BOUNDS);
        assertEquals(t + 1, fast.earliest(t + 1, 1, io.governor.schemas.event.Priority.NORMAL, null),
                "the new 100/s limit decides, not the old hour's pacing");

        var same = new WindowSet("", java.util.List.of(LimitSpec.rolling(1, Duration.ofHours(1))),
                new long[] {1}, java.util.Map.of(), true, 50);
        same.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                Window.LAYOUT_BUCKET_BOUNDS);
        assertTrue(same.earliest(t + 1, 1, io.governor.schemas.event.Priority.NORMAL, null) >= t + 3_600_000,
                "under the same limits the pacing and the window still hold");
    }
}
