package io.governor.executor.call;

import io.governor.schemas.event.Permit;
import java.util.concurrent.CompletableFuture;

/**
 * One permit on its way through the executor. {@link #report()} completes exactly once, with the call's report
 * or, if {@link #abort(String)} came first, with an {@code IO} outcome saying the call was abandoned.
 */
public final class PermittedCall {
    private final Permit permit;
    private final CallExecutor owner;
    private final CompletableFuture<CallReport> report = new CompletableFuture<>();
    private volatile CompletableFuture<?> stage;
    private volatile long startedAt = -1;
    private final java.util.List<AsyncSlots> held = new java.util.ArrayList<>(2);
    private boolean released;

    PermittedCall(Permit permit, CallExecutor owner) {
        this.permit = permit;
        this.owner = owner;
    }

    public Permit permit() {
        return permit;
    }

    /** Completes when the call is reported; never exceptionally. */
    public CompletableFuture<CallReport> report() {
        return report;
    }

    /**
     * Gives up on the call (shutdown past its grace): the report becomes an {@code IO} outcome and whatever the
     * call was waiting on is cancelled. No effect once reported.
     */
    public void abort(String why) {
        owner.abort(this, why);
    }

    /** Wall-clock start of the request, or -1 when no request went out (yet). */
    long startedAt() {
        return startedAt;
    }

    void markStarted(long at) {
        startedAt = at;
    }

    /** Remembers what the call waits on now, so that abort can cancel it. */
    void waitingOn(CompletableFuture<?> next) {
        stage = next;
        if (report.isDone()) {
            next.cancel(true);
        }
    }

    void cancelStage() {
        CompletableFuture<?> s = stage;
        if (s != null) {
            s.cancel(true);
        }
    }

    /** Keeps {@code slots} until the call is reported; gives it straight back if that already happened. */
    synchronized void hold(AsyncSlots slots) {
        if (released) {
            slots.release();
        } else {
            held.add(slots);
        }
    }

    synchronized void releaseSlots() {
        released = true;
        held.forEach(AsyncSlots::release);
        held.clear();
    }

    boolean finish(CallReport r) {
        return report.complete(r);
    }
}
