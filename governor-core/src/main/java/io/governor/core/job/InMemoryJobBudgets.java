package io.governor.core.job;

import java.util.HashMap;
import java.util.Map;

/** {@link JobBudgets} on a hash map. */
public final class InMemoryJobBudgets implements JobBudgets {
    private final Map<String, Long> used = new HashMap<>();

    @Override
    public long used(String job) {
        return used.getOrDefault(job, 0L);
    }

    @Override
    public void add(String job, long permits) {
        used.merge(job, permits, Long::sum);
    }
}
