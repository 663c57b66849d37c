package io.governor.core.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.governor.core.feedback.CircuitBreaker.Transition;
import io.governor.schemas.event.CircuitState;
import io.governor.schemas.policy.CircuitSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final CircuitSpec RATE = new CircuitSpec(100, 0.5, Duration.ofSeconds(8), 4,
            Duration.ofSeconds(10), 2);

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        var c = new CircuitBreaker();
        c.record(true, 0, RATE);
        c.record(true, 1_000, RATE);
        // Eight seconds later those two have left the window: two successes and one failure are 1/3 < 0.5.
        c.record(false, 10_000, RATE);
        c.record(false, 10_001, RATE);
        assertEquals(Transition.NONE, c.record(true, 10_002, RATE));
        assertEquals(CircuitState.CLOSED, c.state(10_002));
        assertEquals(Transition.OPENED, c.record(true, 10_003, RATE), "2 of 4 within the window");
    }

    @Test
    void shouldAdmitExactlyTheProbesWhenHalfOpenAndIgnoreStragglersWhileOpen() {
        var c = new CircuitBreaker();
        for (int i = 0; i < 4; i++) {
            c.record(true, i, RATE);
        }
        assertEquals(CircuitState.OPEN, c.state(5_000));
        assertEquals(Transition.NONE, c.record(false, 5_000, RATE), "a straggler's success does not close it");
        assertEquals(10_003, c.blockedUntil(RATE));
        c.permitted(10_003);
        assertEquals(10_003, c.blockedUntil(RATE), "one probe of two out");
        c.permitted(10_004);
        assertEquals(Long.MAX_VALUE, c.blockedUntil(RATE), "both probes out: nothing more until an outcome");
        c.probeReturned(4_000);
        assertEquals(Long.MAX_VALUE, c.blockedUntil(RATE), "a permit from before the trip held no probe's place");
        c.probeReturned(10_004);
        assertEquals(10_003, c.blockedUntil(RATE));
        assertEquals(Transition.CLOSED, c.record(false, 10_100, RATE));
        assertEquals(Long.MIN_VALUE, c.blockedUntil(RATE));
    }
}
