package io.governor.streams.observe;

import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.QuotaSnapshot.Counts;
import io.governor.schemas.event.QuotaSnapshot.WaitPercentiles;

/** What happened to one account (or one of its lanes) since its last snapshot: the snapshot's counts and waits. */
final class IntervalActivity {
    private long permitted;
    private long deferred;
    private long rejected;
    private long ok;
    private long rateLimited;
    private long forbidden;
    private long serverErrors;
    private long timeouts;
    /** Every outcome, including those no count above names (a 404, a connection error): the ratios' denominator. */
    private long outcomes;
    private final WaitSamples waits = new WaitSamples();

    void permitted(long waitedMs) {
        permitted++;
        waits.add(waitedMs);
    }

    void deferred() {
        deferred++;
    }

    void rejected() {
        rejected++;
    }

    void outcome(Outcome outcome) {
        outcomes++;
        int status = outcome.status();
        if (outcome.isSuccess()) {
            ok++;
        } else if (status == 429) {
            rateLimited++;
        } else if (status == 403) {
            forbidden++;
        } else if (status >= 500 && status <= 599) {
            serverErrors++;
        } else if (outcome.error() == OutcomeError.TIMEOUT) {
            timeouts++;
        }
    }

    Counts counts() {
        return new Counts(permitted, deferred, rejected, ok, rateLimited, forbidden, serverErrors, timeouts);
    }

    WaitPercentiles waits() {
        return waits.percentiles();
    }

    long outcomes() {
        return outcomes;
    }

    /** 429s among the interval's outcomes; NaN when there were none. */
    double rateLimitedRatio() {
        return outcomes == 0 ? Double.NaN : (double) rateLimited / outcomes;
    }

    /** Server errors and timeouts among the interval's outcomes; NaN when there were none. */
    double errorRatio() {
        return outcomes == 0 ? Double.NaN : (double) (serverErrors + timeouts) / outcomes;
    }

    void reset() {
        permitted = 0;
        deferred = 0;
        rejected = 0;
        ok = 0;
        rateLimited = 0;
        forbidden = 0;
        serverErrors = 0;
        timeouts = 0;
        outcomes = 0;
        waits.reset();
    }
}
