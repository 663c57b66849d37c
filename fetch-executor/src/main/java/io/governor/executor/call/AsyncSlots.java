package io.governor.executor.call;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A counting semaphore whose waiters are futures, so a call waiting for a free slot holds no thread. Slots are
 * handed out first come, first served. A waiter that gave up (its future was cancelled) is skipped on release,
 * so an aborted call never swallows a slot.
 */
final class AsyncSlots {
    private final int capacity;
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int used;

    AsyncSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Completes when a slot is held; the holder must {@link #release()} it exactly once. */
    CompletableFuture<Void> acquire() {
        synchronized (this) {
            if (used < capacity) {
                used++;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> ticket = new CompletableFuture<>();
            waiting.add(ticket);
            return ticket;
        }
    }

    void release() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    used--;
                    return;
                }
            }
            // Completed outside the lock: the next call's continuation may run right here.
            if (next.complete(null)) {
                return;
            }
        }
    }

    synchronized int used() {
        return used;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
