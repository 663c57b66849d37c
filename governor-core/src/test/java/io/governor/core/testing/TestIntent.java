package io.governor.core.testing;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;

/** Builds Intent records for tests. */
public final class TestIntent {
    private final String id;
    private String account = "acct";
    private String tenant;
    private String lane;
    private Priority priority = Priority.NORMAL;
    private int cost = 1;
    private String job;
    private Long notBefore;
    private Long deadline;
    private Integer maxAttempts;
    private java.util.List<String> fallbacks;

    private TestIntent(String id) {
        this.id = id;
    }

    public static TestIntent intent(String id) {
        return new TestIntent(id);
    }

    public TestIntent account(String a) {
        account = a;
        return this;
    }

    public TestIntent tenant(String t) {
        tenant = t;
        return this;
    }

    public TestIntent lane(String l) {
        lane = l;
        return this;
    }

    public TestIntent priority(Priority p) {
        priority = p;
        return this;
    }

    public TestIntent cost(int c) {
        cost = c;
        return this;
    }

    public TestIntent job(String j) {
        job = j;
        return this;
    }

    public TestIntent notBefore(long t) {
        notBefore = t;
        return this;
    }

    public TestIntent deadline(long t) {
        deadline = t;
        return this;
    }

    public TestIntent maxAttempts(int n) {
        maxAttempts = n;
        return this;
    }

    public TestIntent fallbacks(String... accounts) {
        fallbacks = java.util.List.of(accounts);
        return this;
    }

    public Intent build() {
        return new Intent(id, account, tenant, lane, priority, cost, job, notBefore, deadline, maxAttempts,
                fallbacks, null, null, null, null);
    }
}
