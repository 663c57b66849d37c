package io.governor.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteAheadScheduleTest {
    private static final Duration COMMIT = Duration.ofMillis(100);
    private static final Duration TICK = Duration.ofMillis(20);

    @Test
    void shouldWriteAheadOnceFromOneTickBeforeTheCommitIsExpected() {
        var schedule = new WriteAheadSchedule(COMMIT, TICK);
        schedule.committed(1_000);
        assertFalse(schedule.due(1_000));
        assertFalse(schedule.due(1_079), "1 ms short of commit interval minus tick");
        assertTrue(schedule.due(1_080), "exactly commit interval minus tick");
        assertFalse(schedule.due(1_081), "once per commit interval");
        assertFalse(schedule.due(5_000), "still once, however late the commit is");
    }

    @Test
    void shouldMeasureTheNextWriteAheadFromTheLastCommit() {
        var schedule = new WriteAheadSchedule(COMMIT, TICK);
        schedule.committed(1_000);
        assertTrue(schedule.due(1_090));
        schedule.committed(1_105);
        assertFalse(schedule.due(1_184));
        assertTrue(schedule.due(1_185));
    }

    @Test
    void shouldWriteAheadWhenCommittingBeforeTheTickCameIsSkipped() {
        var schedule = new WriteAheadSchedule(COMMIT, TICK);
        schedule.committed(1_000);
        schedule.committed(1_060); // a commit Streams made early (a rebalance, a flush): start over from it
        assertFalse(schedule.due(1_100));
        assertTrue(schedule.due(1_140));
    }

    @Test
    void shouldWriteAtTheFirstTickWhenTheTickIsAsLongAsTheCommitInterval() {
        var schedule = new WriteAheadSchedule(Duration.ofMillis(50), Duration.ofMillis(50));
        schedule.committed(1_000);
        assertTrue(schedule.due(1_000));
        assertFalse(schedule.due(1_050));
    }

    @Test
    void shouldRejectAnIntervalOrTickThatIsNotPositive() {
        assertEquals("commitInterval must be positive, was PT0S",
                assertThrows(IllegalArgumentException.class,
                        () -> new WriteAheadSchedule(Duration.ZERO, TICK)).getMessage());
        assertEquals("tick must be positive, was PT-0.001S",
                assertThrows(IllegalArgumentException.class,
                        () -> new WriteAheadSchedule(COMMIT, Duration.ofMillis(-1))).getMessage());
    }
}
