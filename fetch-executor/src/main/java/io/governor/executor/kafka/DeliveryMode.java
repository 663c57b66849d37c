package io.governor.executor.kafka;

/**
 * When a permit's offset is committed, and so what a crash costs.
 * <ul>
 *   <li>{@link #AT_MOST_ONCE} (default): a batch's offsets are committed before any of its calls starts. A crash
 *   can lose calls (no call, no outcome) but a restarted executor never makes a call a second time, which could
 *   break the upstream's limit the governor promised to keep.</li>
 *   <li>{@link #AT_LEAST_ONCE}: an offset is committed only after that permit's Outcome and Result were
 *   acknowledged by the broker. A crash loses nothing but may repeat calls: use it for idempotent targets.</li>
 * </ul>
 */
public enum DeliveryMode {
    AT_MOST_ONCE, AT_LEAST_ONCE
}
