package io.governor.schemas.event;

import io.governor.schemas.InvalidFieldException;
import java.util.List;

/**
 * How much of an account's (or one lane's, when {@code lane} is set) capacity is used at {@code at}.
 * {@code adaptiveFactor} is the share of each limit the adaptive controller currently allows (1.0 when it has
 * not cut back); {@code counts} cover the time since the previous snapshot; {@code waitMs} is null when no
 * intent was permitted in that time.
 */
public record QuotaSnapshot(
        @Required long at,
        @Required String account,
        String lane,
        List<WindowUsage> windows,
        int queueDepth,
        int inFlight,
        CircuitState circuit,
        @Required double adaptiveFactor,
        Counts counts,
        WaitPercentiles waitMs) {

    public QuotaSnapshot {
        EventChecks.requireAtLeast("at", at, 0);
        EventChecks.requireText("account", account, EventChecks.NAME_MAX);
        windows = windows == null ? List.of() : List.copyOf(windows);
        EventChecks.requireAtLeast("queueDepth", queueDepth, 0);
        EventChecks.requireAtLeast("inFlight", inFlight, 0);
        circuit = circuit == null ? CircuitState.CLOSED : circuit;
        if (!(adaptiveFactor > 0 && adaptiveFactor <= 1)) {
            throw new InvalidFieldException("adaptiveFactor", "must be in (0,1], was " + adaptiveFactor);
        }
        counts = counts == null ? Counts.ZERO : counts;
    }

    /**
     * One limit's state: {@code max} as configured, {@code effectiveMax} after safety and adaptation,
     * {@code used} and {@code remaining} of it, and when the window next frees capacity ({@code resetAt}, null
     * when nothing is used).
     */
    public record WindowUsage(
            @Required String window,
            @Required long max,
            @Required long effectiveMax,
            @Required long used,
            @Required long remaining,
            Long resetAt) {

        public WindowUsage {
            EventChecks.requireText("window", window, EventChecks.NAME_MAX);
            EventChecks.requireAtLeast("max", max, 1);
            EventChecks.requireAtLeast("effectiveMax", effectiveMax, 0);
            EventChecks.requireAtLeast("used", used, 0);
            EventChecks.requireAtLeast("remaining", remaining, 0);
            EventChecks.optionalAtLeast("resetAt", resetAt, 0);
        }
    }

    /** What happened since the previous snapshot; every count defaults to 0. */
    public record Counts(
            long permitted,
            long deferred,
            long rejected,
            long ok,
            long rateLimited,
            long forbidden,
            long serverErrors,
            long timeouts) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        public Counts {
            EventChecks.requireAtLeast("permitted", permitted, 0);
            EventChecks.requireAtLeast("deferred", deferred, 0);
            EventChecks.requireAtLeast("rejected", rejected, 0);
            EventChecks.requireAtLeast("ok", ok, 0);
            EventChecks.requireAtLeast("rateLimited", rateLimited, 0);
            EventChecks.requireAtLeast("forbidden", forbidden, 0);
            EventChecks.requireAtLeast("serverErrors", serverErrors, 0);
            EventChecks.requireAtLeast("timeouts", timeouts, 0);
        }
    }

    /** Wait from first arrival to permit, in ms. */
    public record WaitPercentiles(@Required long p50, @Required long p99) {
        public WaitPercentiles {
            EventChecks.requireAtLeast("p50", p50, 0);
            EventChecks.requireNotBefore("p99", p99, "p50", p50);
        }
    }
}
