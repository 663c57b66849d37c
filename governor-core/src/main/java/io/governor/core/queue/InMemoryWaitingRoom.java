package io.governor.core.queue;

import io.governor.schemas.event.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link WaitingRoom} on heap maps, mirroring the ordered-key layout the interface recommends. */
public final class InMemoryWaitingRoom implements WaitingRoom {

    private static final class Group {
        final TreeMap<Long, WaitingIntent> items = new TreeMap<>();
        long clock;
    }

    private final List<Map<GroupKey, Group>> byPriority = new ArrayList<>();
    private final Map<String, WaitingIntent> byId = new HashMap<>();
    /** Per priority, the last answer of {@link #groups} while no group came or went; null when stale. */
    private final List<List<GroupKey>> groupLists = new ArrayList<>();

    public InMemoryWaitingRoom() {
        for (int i = 0; i < Priority.values().length; i++) {
            byPriority.add(new LinkedHashMap<>());
            groupLists.add(null);
        }
    }

    private Map<GroupKey, Group> of(Priority p) {
        return byPriority.get(p.ordinal());
    }

    @Override
    public void append(WaitingIntent intent, long clockIfNew) {
        GroupKey key = intent.group();
        Group g = of(key.priority()).get(key);
        if (g == null) {
            g = new Group();
            g.clock = clockIfNew;
            of(key.priority()).put(key, g);
            groupLists.set(key.priority().ordinal(), null);
        }
        g.items.put(intent.seq(), intent);
        byId.put(intent.id(), intent);
    }

    @Override
    public WaitingIntent head(GroupKey group) {
        Group g = of(group.priority()).get(group);
        return g == null ? null : g.items.firstEntry().getValue();
    }

    @Override
    public List<GroupKey> groups(Priority priority) {
        // A copy, as the caller changes the room while it walks the list; kept while it stays true, since a drain
        // asks on every arrival and release.
        List<GroupKey> list = groupLists.get(priority.ordinal());
        if (list == null) {
            Map<GroupKey, Group> m = of(priority);
            list = m.isEmpty() ? List.of() : List.copyOf(m.keySet());
            groupLists.set(priority.ordinal(), list);
        }
        return list;
    }

    @Override
    public long clock(GroupKey group) {
        return of(group.priority()).get(group).clock;
    }

    @Override
    public void setClock(GroupKey group, long clock) {
        Group g = of(group.priority()).get(group);
        if (g != null) {
            g.clock = clock;
        }
    }

    @Override
    public WaitingIntent get(String intentId) {
        return byId.get(intentId);
    }

    @Override
    public void update(WaitingIntent intent) {
        GroupKey key = intent.group();
        Group g = of(key.priority()).get(key);
        if (g != null && g.items.containsKey(intent.seq())) {
            g.items.put(intent.seq(), intent);
            byId.put(intent.id(), intent);
        }
    }

    @Override
    public WaitingIntent remove(String intentId) {
        WaitingIntent w = byId.remove(intentId);
        if (w == null) {
            return null;
        }
        GroupKey key = w.group();
        Group g = of(key.priority()).get(key);
        g.items.remove(w.seq());
        if (g.items.isEmpty()) {
            of(key.priority()).remove(key);
            groupLists.set(key.priority().ordinal(), null);
        }
        return w;
    }

    @Override
    public WaitingIntent newest(Priority priority) {
        WaitingIntent best = null;
        for (Group g : of(priority).values()) {
            WaitingIntent last = g.items.lastEntry().getValue();
            if (best == null || last.seq() > best.seq()) {
                best = last;
            }
        }
        return best;
    }

    @Override
    public int size() {
        return byId.size();
    }
}
