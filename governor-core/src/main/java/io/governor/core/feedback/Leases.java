package io.governor.core.feedback;

import io.governor.core.queue.IntentTable;

/**
 * Permits of one account that wait for their Outcome. The admission keeps a
 * {@link io.governor.core.queue.TimeIndex} of lease ends beside it.
 */
public interface Leases extends IntentTable<Lease> {
}
