package io.governor.core.tenant;

import io.governor.core.window.WindowSet;

/**
 * Window state of each tenant of an account (tenants.limits). Unbounded in the number of tenants, so the host
 * stores it: {@code tenant} → bytes of {@code AccountStateCodec.writeWindowSet}. {@link #put} is called after
 * every permit that changed the tenant's set.
 */
public interface TenantStates {

    /** The tenant's set, or null when it has none yet (the admission then starts a fresh one). */
    WindowSet get(String tenant);

    void put(String tenant, WindowSet state);
}
