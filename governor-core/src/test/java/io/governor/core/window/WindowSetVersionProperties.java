package io.governor.core.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.LimitSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The admission remembers a deferring answer of {@link WindowSet#earliest} while {@link WindowSet#version} stays
 * the same, so every change that can move an answer must raise the version: records, pauses, factors,
 * ceilings, header counts and state reads, on a set with an exact log, buckets and a calendar day.
 */
class WindowSetVersionProperties {

    enum Kind { RECORD, PAUSE, FACTOR, CEILING, RAISE_USED, READ_STATE, NOTHING }

    record Step(Kind kind, long a, int b) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.longs().between(0, 3_000),
                Arbitraries.integers().between(0, 300)).as(Step::new).list().ofMinSize(1).ofMaxSize(200);
    }

    private static WindowSet newSet(boolean smooth) {
        return new WindowSet("", List.of(LimitSpec.rolling(3, Duration.ofSeconds(1)),
                LimitSpec.rolling(200, Duration.ofSeconds(10)),
                LimitSpec.calendar(250, Duration.ofDays(1), ZoneId.of("Australia/Sydney"))),
                new long[]{3, 200, 250}, Map.of(Priority.LOW, 0.5), smooth, 20);
    }

    @Property(tries = 300)
    void shouldRaiseTheVersionOnEveryChangeThatMovesAnAnswer(@ForAll("steps") List<Step> steps,
                                                              @ForAll boolean smooth) throws IOException {
        WindowSet set = newSet(smooth);
        long now = 1_775_000_000_000L;
        long lastNotBefore = now;
        for (Step s : steps) {
            now += s.a() / 10;
            List<Long> before = answers(set, now);
            long version = set.version();
            switch (s.kind()) {
                case RECORD -> {
                    lastNotBefore = Math.max(lastNotBefore, set.earliest(now, 1, Priority.NORMAL, null));
                    set.record(lastNotBefore, lastNotBefore + 20, 1 + s.b() % 2);
                }
                case PAUSE -> set.pauseUntil(s.b() % 3 == 0 ? Long.MIN_VALUE : now + s.a());
                case FACTOR -> set.setFactor(s.b() % 2 == 0 ? 1.0 : 0.5);
                case CEILING -> set.setCeiling(s.b() % 3, s.b() % 4 == 0 ? Long.MAX_VALUE : 1 + s.b());
                case RAISE_USED -> set.raiseUsed(s.b() % 3, s.b(), lastNotBefore);
                case READ_STATE -> {
                    WindowSet other = newSet(smooth); // another set's state: fewer permits, other pacing
                    other.record(now, now + 20, 1);
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    other.writeState(new DataOutputStream(bytes));
                    set.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                            Window.LAYOUT_BUCKET_BOUNDS);
                    lastNotBefore = Math.max(lastNotBefore, now);
                }
                case NOTHING -> { }
                default -> throw new IllegalStateException();
            }
            assertTrue(set.version() >= version, "the version went back after " + s);
            if (!answers(set, now).equals(before)) {
                assertTrue(set.version() > version, s + " moved an answer but kept version " + version);
            } else if (s.kind() == Kind.NOTHING) {
                assertEquals(version, set.version());
            }
        }
    }

    /** Answers to a spread of questions: costs, priorities (reserve or not) and times around now. */
    private static List<Long> answers(WindowSet set, long now) {
        List<Long> out = new ArrayList<>();
        for (long dt : new long[]{0, 500, 5_000, 60_000}) {
            for (Priority p : new Priority[]{null, Priority.LOW, Priority.NORMAL}) {
                out.add(set.earliest(now + dt, 1, p, null));
                out.add(set.earliest(now + dt, 2, p, null));
            }
        }
        return out;
    }
}
