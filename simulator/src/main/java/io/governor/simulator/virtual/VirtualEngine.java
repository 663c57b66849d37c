package io.governor.simulator.virtual;

import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import java.util.List;

/**
 * A governor on a virtual wall clock that only moves forward when told; waiting intents are released on the
 * {@link PunctuationGrid} and each decision comes out as the contract's Permit, Deferral or Rejection.
 * {@link VirtualRun.Engine} names the two: {@link CoreEngine} and {@link TopologyEngine}.
 */
interface VirtualEngine extends AutoCloseable {

    long now();

    /** Moves the clock to {@code t} (never back), firing the punctuation when a grid point was reached. */
    void advanceTo(long t);

    /** Decides an intent now. */
    void offer(Intent intent);

    /** True when outcomes reach the governor. */
    boolean takesOutcomes();

    /** Feeds back one call's outcome, now (the caller advances to its finishedAt first). */
    void outcome(Outcome outcome);

    /** The permits decided since the last call, in decision order. */
    List<Permit> permits();

    /** The deferrals decided since the last call, in decision order. */
    List<Deferral> deferrals();

    /** The rejections decided since the last call, in decision order. */
    List<Rejection> rejections();

    /** The first tick after now at or after the earliest account wake-up, Long.MAX_VALUE when no account waits. */
    long nextWakeTick();

    /** The first punctuation time at or after {@code t}. */
    long tickAtOrAfter(long t);

    @Override
    void close();
}
