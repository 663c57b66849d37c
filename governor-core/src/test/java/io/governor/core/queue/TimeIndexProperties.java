package io.governor.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The ring-backed {@link InMemoryTimeIndex} answers exactly as a sorted set of (time, id), tie order included:
 * entries mostly in order, some before the last one, equal times, re-added and removed entries.
 */
class TimeIndexProperties {

    enum Kind { ADD_NEXT, ADD_ANYWHERE, REMOVE_PRESENT, REMOVE_ANY, POLL_ONE, POLL_ALL, READD_POLLED }

    /** One step; {@code a} and {@code b} are read by the kind (time offset, id, pick). */
    record Step(Kind kind, int a, int b) {
    }

    private record Entry(long at, String id) {
    }

    // Ids whose String order differs from their numeric order and from their length order.
    private static final List<String> IDS = List.of("a", "b", "B", "aa", "a0", "Z", "intent-10", "intent-9", "", "ab");

    @Provide
    Arbitrary<List<Step>> steps() {
        return steps(3, 3);
    }

    /** Removals outnumber polls, so the ring fills with dead entries and gets compacted. */
    @Provide
    Arbitrary<List<Step>> removalHeavySteps() {
        return steps(7, 1);
    }

    private static Arbitrary<List<Step>> steps(int removeWeight, int pollWeight) {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.just(Kind.ADD_NEXT)),
                        Tuple.of(2, Arbitraries.just(Kind.ADD_ANYWHERE)),
                        Tuple.of(removeWeight, Arbitraries.just(Kind.REMOVE_PRESENT)),
                        Tuple.of(1, Arbitraries.just(Kind.REMOVE_ANY)),
                        Tuple.of(pollWeight, Arbitraries.just(Kind.POLL_ONE)),
                        Tuple.of(1, Arbitraries.just(Kind.POLL_ALL)),
                        Tuple.of(1, Arbitraries.just(Kind.READD_POLLED))),
                Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(0, 1_000))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(600);
    }

    @Property(tries = 400)
    void shouldOrderAddRemoveAndPollExactlyAsASortedSet(@ForAll("steps") List<Step> steps) {
        checkAgainstSortedSet(steps);
    }

    @Property(tries = 400)
    void shouldStayExactWhenMostRingEntriesAreRemoved(@ForAll("removalHeavySteps") List<Step> steps) {
        checkAgainstSortedSet(steps);
    }

    private static void checkAgainstSortedSet(List<Step> steps) {
        var index = new InMemoryTimeIndex();
        var model = new TreeSet<Entry>(Comparator.comparingLong(Entry::at).thenComparing(Entry::id));
        List<Entry> polled = new ArrayList<>();
        long clock = 0;
        long last = 0;
        for (Step s : steps) {
            switch (s.kind()) {
                case ADD_NEXT -> { // at the last time or a little later: the ring's case, ties included
                    last += s.a() % 3;
                    add(index, model, new Entry(last, IDS.get(s.b() % IDS.size())));
                }
                case ADD_ANYWHERE ->
                        add(index, model, new Entry(clock + s.a() % 40 - 10, IDS.get(s.b() % IDS.size())));
                case REMOVE_PRESENT -> {
                    if (!model.isEmpty()) {
                        Entry e = new ArrayList<>(model).get(s.a() % model.size());
                        remove(index, model, e);
                    }
                }
                case REMOVE_ANY ->
                        remove(index, model, new Entry(clock + s.a() % 40 - 10, IDS.get(s.b() % IDS.size())));
                case POLL_ONE -> {
                    clock += s.a() % 4;
                    poll(index, model, clock, polled);
                }
                case POLL_ALL -> {
                    clock += s.a() % 10;
                    while (poll(index, model, clock, polled)) {
                        // until nothing is due
                    }
                }
                case READD_POLLED -> {
                    if (!polled.isEmpty()) {
                        add(index, model, polled.get(s.a() % polled.size()));
                    }
                }
            }
            assertEquals(model.size(), index.size(), () -> "size after " + s);
            assertEquals(model.isEmpty() ? Long.MAX_VALUE : model.first().at(), index.peekTime(),
                    () -> "peekTime after " + s);
        }
        while (poll(index, model, Long.MAX_VALUE, polled)) {
            // drain: the rest comes out in the model's order
        }
        assertEquals(0, index.size());
        assertEquals(Long.MAX_VALUE, index.peekTime());
    }

    private static void add(InMemoryTimeIndex index, TreeSet<Entry> model, Entry e) {
        index.add(e.at(), e.id());
        model.add(e);
    }

    private static void remove(InMemoryTimeIndex index, TreeSet<Entry> model, Entry e) {
        index.remove(e.at(), e.id());
        model.remove(e);
    }

    private static boolean poll(InMemoryTimeIndex index, TreeSet<Entry> model, long now, List<Entry> polled) {
        Entry expected = !model.isEmpty() && model.first().at() <= now ? model.pollFirst() : null;
        assertEquals(expected == null ? null : expected.id(), index.pollDue(now), () -> "pollDue(" + now + ")");
        if (expected != null) {
            polled.add(expected);
        }
        return expected != null;
    }
}
