package io.governor.core.tenant;

import io.governor.core.window.WindowSet;
import java.util.HashMap;
import java.util.Map;

/** {@link TenantStates} on a hash map of live objects. */
public final class InMemoryTenantStates implements TenantStates {
    private final Map<String, WindowSet> sets = new HashMap<>();

    @Override
    public WindowSet get(String tenant) {
        return sets.get(tenant);
    }

    @Override
    public void put(String tenant, WindowSet state) {
        sets.put(tenant, state);
    }
}
