package io.governor.simulator.report;

import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;

/** Receives every event of a run, in virtual-time order per kind (the --events file is one). */
public interface RunEvents extends AutoCloseable {
    RunEvents NONE = event -> { };

    /** A Permit, Deferral, Rejection or Outcome. */
    void event(Object event);

    default void permit(Permit p) {
        event(p);
    }

    default void deferral(Deferral d) {
        event(d);
    }

    default void rejection(Rejection r) {
        event(r);
    }

    default void outcome(Outcome o) {
        event(o);
    }

    @Override
    default void close() {
    }
}
