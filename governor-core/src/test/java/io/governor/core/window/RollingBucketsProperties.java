package io.governor.core.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.policy.LimitSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link RollingBuckets} against the exact {@link RollingLog} on random permit sequences, each permit granted
 * only where the buckets allow it (as the admission does): the buckets never reopen before the log, never let
 * a window of the log exceed the cap, and read back from bytes answer the same.
 */
class RollingBucketsProperties {

    /**
     * One permit request: the clock moves by {@code advance} ms (or, if negative, by the run's pace, as paced
     * permits are evenly spaced), then {@code cost} units are asked for.
     */
    record Step(long advance, int cost) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> advance = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just(-1L)),
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 5_000)));
        Arbitrary<Integer> cost = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(2, 5)));
        return Combinators.combine(advance, cost).as(Step::new).list().ofMinSize(1).ofMaxSize(3_000);
    }

    @Property(tries = 200)
    void shouldNeverReopenBeforeTheExactLog(@ForAll("steps") List<Step> steps,
                                            @ForAll("validity") long validity,
                                            @ForAll("allowed") int allowed,
                                            @ForAll("pace") long pace) throws IOException {
        long per = 6_400; // buckets 100 ms wide
        var spec = LimitSpec.rolling(allowed, Duration.ofMillis(per));
        var exact = new RollingLog(spec, allowed);
        var buckets = new RollingBuckets(spec, allowed);
        long t = 1_000_000;
        for (Step s : steps) {
            t += s.advance() < 0 ? pace : s.advance();
            long nb = buckets.earliest(t, s.cost(), allowed);
            assertTrue(nb >= exact.earliest(t, s.cost(), allowed), "buckets reopened before the exact log");
            assertEquals(nb, exact.earliest(nb, s.cost(), allowed), "the log must allow what the buckets allow");
            exact.record(nb, nb + validity, s.cost());
            buckets.record(nb, nb + validity, s.cost());
            t = nb;
        }
        RollingBuckets back = new RollingBuckets(spec, allowed);
        var bytes = new ByteArrayOutputStream();
        buckets.writeState(new DataOutputStream(bytes));
        back.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                Window.LAYOUT_BUCKET_BOUNDS);
        for (long probe = t; probe < t + 2 * per; probe += 97) {
            assertEquals(buckets.earliest(probe, 1, allowed), back.earliest(probe, 1, allowed), "read back");
        }
    }

    /**
     * {@code earliest} scans from whichever end the binding bucket is nearer to; from either end it must find
     * what the scan from the newest bucket finds, for every room (priority shares make caps below allowed).
     */
    @Property(tries = 100)
    void shouldReopenAtTheSameTimeWhicheverEndTheScanStartsFrom(@ForAll("steps") List<Step> steps,
                                                                 @ForAll("validity") long validity,
                                                                 @ForAll("allowed") int allowed,
                                                                 @ForAll("pace") long pace) {
        var buckets = new RollingBuckets(LimitSpec.rolling(allowed, Duration.ofMillis(6_400)), allowed);
        long[] rooms = {-1, 0, 1, allowed / 4, allowed / 2, allowed - 3, allowed - 2, allowed - 1, allowed};
        long t = 1_000_000;
        for (Step s : steps) {
            t += s.advance() < 0 ? pace : s.advance();
            for (long room : rooms) {
                for (long probe = t; probe < t + 7_000; probe += 1_700) {
                    assertEquals(buckets.earliestFromNewest(probe, room), buckets.earliest(probe, 1, room + 1),
                            "room " + room + " at " + probe);
                }
            }
            long nb = buckets.earliest(t, s.cost(), allowed);
            buckets.record(nb, nb + validity, s.cost());
            t = nb;
        }
    }

    @Provide
    Arbitrary<Long> pace() {
        return Arbitraries.longs().between(1, 30);
    }

    @Provide
    Arbitrary<Long> validity() {
        return Arbitraries.of(0L, 1L, 50L);
    }

    @Provide
    Arbitrary<Integer> allowed() {
        return Arbitraries.of(129, 200, 1_000);
    }
}
