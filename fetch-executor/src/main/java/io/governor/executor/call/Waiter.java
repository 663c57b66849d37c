package io.governor.executor.call;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Waits, without a thread, until an instant of the executor's clock. Injected so that tests run on virtual
 * time: their waiter moves a test clock forward and returns at once.
 */
@FunctionalInterface
public interface Waiter {

    /** Completes at (or soon after) {@code epochMs}; at once when that is not in the future. */
    CompletionStage<Void> until(long epochMs);

    /** The real waiter: a timer on {@code clock}. */
    static Waiter on(Clock clock) {
        return epochMs -> {
            long delay = epochMs - clock.millis();
            if (delay <= 0) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        };
    }
}
