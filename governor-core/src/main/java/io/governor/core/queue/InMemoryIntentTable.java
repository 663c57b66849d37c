package io.governor.core.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** {@link IntentTable} on a hash map (simulator, tests). */
public class InMemoryIntentTable<V> implements IntentTable<V> {
    private final Map<String, V> byId = new HashMap<>();
    private final Function<V, String> idOf;

    protected InMemoryIntentTable(Function<V, String> idOf) {
        this.idOf = idOf;
    }

    @Override
    public final void put(V value) {
        byId.put(idOf.apply(value), value);
    }

    @Override
    public final V get(String intentId) {
        return byId.get(intentId);
    }

    @Override
    public final V remove(String intentId) {
        return byId.remove(intentId);
    }

    @Override
    public final int size() {
        return byId.size();
    }
}
