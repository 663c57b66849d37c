package io.governor.simulator.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One column of the report, for an account or the totals (contract: Report). {@code retries}: permits for retry
 * attempts (attempt > 0), which are not decisions. {@code baseline} holds the same
 * figures for the naive baseline when it ran, else null (left out of the JSON).
 */
public record Figures(long offered, long permitted, long executed, long retries, Map<String, Long> rejected, Upstream upstream,
                      long violations, Waits waitMs, Map<String, TenantFigures> byTenant, double drainSeconds,
                      double bestDrainSeconds, double efficiency, Figures baseline) {

    public Figures {
        rejected = sorted(rejected);
        byTenant = sorted(byTenant);
    }

    public Figures withBaseline(Figures baselineFigures) {
        return new Figures(offered, permitted, executed, retries, rejected, upstream, violations, waitMs, byTenant,
                drainSeconds, bestDrainSeconds, efficiency, baselineFigures);
    }

    /** An unmodifiable copy in key order: Map.copyOf's order changes from one JVM to the next, the JSON must not. */
    static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Answers of the simulated upstream by kind: 2xx, 429, 403, 5xx, and calls that got none (timed out). */
    public record Upstream(long ok, long rateLimited, long forbidden, long serverErrors, long timeouts) {
    }

    /** Wait from first arrival to permit, in ms. */
    public record Percentiles(long p50, long p95, long p99, long max) {
    }

    /** The overall wait percentiles and the same per priority. */
    public record Waits(long p50, long p95, long p99, long max, Map<String, Percentiles> byPriority) {
        public Waits {
            byPriority = sorted(byPriority);
        }
    }

    public record TenantFigures(long offered, long permitted, Percentiles waitMs) {
    }
}
