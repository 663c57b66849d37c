package io.governor.core.job;

/** Permits spent per job key (job.maxCalls). Over a key-value store: {@code job} → count. */
public interface JobBudgets {

    long used(String job);

    void add(String job, long permits);
}
