package io.governor.core.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The open-addressing {@link InMemorySeenIds} answers exactly as a plain map with an insertion-order queue. */
class SeenIdsProperties {

    /** One step: the clock moves by {@code advance}, then the id is marked (and, if {@code expire}, old ids go). */
    record Step(int id, long advance, long retention, boolean expire) {
    }

    /** The straightforward model: id → expiry, forgotten in insertion order when the entry still matches. */
    private static final class ModelSeenIds {
        private final Map<String, Long> expiries = new HashMap<>();
        private final ArrayDeque<Map.Entry<String, Long>> order = new ArrayDeque<>();

        boolean markSeen(String id, long now, long expiresAt) {
            Long old = expiries.get(id);
            if (old != null && old > now) {
                return false;
            }
            expiries.put(id, expiresAt);
            order.addLast(Map.entry(id, expiresAt));
            return true;
        }

        void expire(long now) {
            while (!order.isEmpty() && order.peekFirst().getValue() <= now) {
                var e = order.pollFirst();
                expiries.remove(e.getKey(), e.getValue());
            }
        }
    }

    // "Aa" and "BB" share a hashCode, as do their concatenations: probe chains and deletions get exercised.
    private static final List<String> COLLIDING = List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB");

    private static String idOf(int i) {
        return i < COLLIDING.size() ? COLLIDING.get(i) : "intent-" + i;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 300),
                Arbitraries.longs().between(0, 40),
                Arbitraries.longs().between(1, 500),
                Arbitraries.integers().between(0, 3).map(n -> n > 0))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(2_000);
    }

    @Property(tries = 300)
    void shouldAnswerAndForgetExactlyAsTheModel(@ForAll("steps") List<Step> steps) {
        var seen = new InMemorySeenIds();
        var model = new ModelSeenIds();
        long now = 0;
        for (Step s : steps) {
            now += s.advance();
            if (s.expire()) {
                seen.expire(now);
                model.expire(now);
            }
            String id = idOf(s.id());
            assertEquals(model.markSeen(id, now, now + s.retention()), seen.markSeen(id, now, now + s.retention()),
                    () -> "markSeen(" + id + ")");
            assertEquals(model.expiries.size(), seen.size());
        }
        seen.expire(Long.MAX_VALUE);
        model.expire(Long.MAX_VALUE);
        assertEquals(0, seen.size());
        assertEquals(model.expiries.size(), seen.size());
    }
}
