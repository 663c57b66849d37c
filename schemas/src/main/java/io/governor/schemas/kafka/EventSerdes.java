package io.governor.schemas.kafka;

import io.governor.schemas.event.Alert;
import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.event.Result;

/** One serde per contract event. Each call returns a new instance; they are cheap and stateless. */
public final class EventSerdes {
    private EventSerdes() {
    }

    public static EventSerde<Intent> intent() {
        return of(Intent.class);
    }

    public static EventSerde<Permit> permit() {
        return of(Permit.class);
    }

    public static EventSerde<Deferral> deferral() {
        return of(Deferral.class);
    }

    public static EventSerde<Rejection> rejection() {
        return of(Rejection.class);
    }

    public static EventSerde<Outcome> outcome() {
        return of(Outcome.class);
    }

    public static EventSerde<Result> result() {
        return of(Result.class);
    }

    public static EventSerde<QuotaSnapshot> quotaSnapshot() {
        return of(QuotaSnapshot.class);
    }

    public static EventSerde<Alert> alert() {
        return of(Alert.class);
    }

    public static EventSerde<DeadLetter> deadLetter() {
        return of(DeadLetter.class);
    }

    /** A serde for any type GovernorJson can read, e.g. a policy record. */
    public static <T> EventSerde<T> of(Class<T> type) {
        return new EventSerde<>(type);
    }
}
