package io.governor.executor.call;

import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Result;
import java.util.Objects;

/** Everything one permit produced: the Outcome for the governor and the Result for the producer. */
public record CallReport(Outcome outcome, Result result) {
    public CallReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(result, "result");
    }
}
