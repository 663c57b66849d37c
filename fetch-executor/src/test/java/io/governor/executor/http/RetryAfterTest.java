package io.governor.executor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final long NOW = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

    @Test
    void shouldReadDelayInSeconds() {
        assertEquals(120_000L, RetryAfter.parseMs("120", null, NOW));
        assertEquals(0L, RetryAfter.parseMs(" 0 ", null, NOW));
    }

    @Test
    void shouldMeasureAnHttpDateAgainstTheResponsesOwnDate() {
        // The server's clock is 10 s behind ours: its own Date is the right reference.
        assertEquals(30_000L, RetryAfter.parseMs("Mon, 05 Jan 2026 08:59:50 GMT", "Mon, 05 Jan 2026 08:59:20 GMT", NOW));
    }

    @Test
    void shouldMeasureAnHttpDateAgainstNowWithoutAResponseDate() {
        assertEquals(45_000L, RetryAfter.parseMs("Mon, 05 Jan 2026 09:00:45 GMT", null, NOW));
        assertEquals(45_000L, RetryAfter.parseMs("Mon, 05 Jan 2026 09:00:45 GMT", "garbage", NOW));
    }

    @Test
    void shouldAcceptTheObsoleteDateForms() {
        assertEquals(45_000L, RetryAfter.parseMs("Monday, 05-Jan-26 09:00:45 GMT", null, NOW));
        assertEquals(45_000L, RetryAfter.parseMs("Mon Jan  5 09:00:45 2026", null, NOW));
    }

    @Test
    void shouldGiveZeroForPastDatesAndNullForGarbage() {
        assertEquals(0L, RetryAfter.parseMs("Mon, 05 Jan 2026 08:00:00 GMT", null, NOW));
        assertNull(RetryAfter.parseMs("soon", null, NOW));
        assertNull(RetryAfter.parseMs("-5", null, NOW));
        assertNull(RetryAfter.parseMs("", null, NOW));
        assertNull(RetryAfter.parseMs(null, null, NOW));
    }
}
