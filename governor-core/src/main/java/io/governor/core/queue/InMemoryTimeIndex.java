package io.governor.core.queue;

import java.util.Comparator;
import java.util.TreeSet;

/** {@link TimeIndex} on a sorted set. */
public final class InMemoryTimeIndex implements TimeIndex {
    private record Entry(long at, String id) {
    }

    private final TreeSet<Entry> entries = new TreeSet<>(
            Comparator.comparingLong(Entry::at).thenComparing(Entry::id));

    @Override
    public void add(long at, String intentId) {
        entries.add(new Entry(at, intentId));
    }

    @Override
    public void remove(long at, String intentId) {
        entries.remove(new Entry(at, intentId));
    }

    @Override
    public long peekTime() {
        return entries.isEmpty() ? Long.MAX_VALUE : entries.first().at();
    }

    @Override
    public String pollDue(long now) {
        if (entries.isEmpty() || entries.first().at() > now) {
            return null;
        }
        return entries.pollFirst().id();
    }

    @Override
    public int size() {
        return entries.size();
    }
}
