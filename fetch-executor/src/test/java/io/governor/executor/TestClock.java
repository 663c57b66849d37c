package io.governor.executor;

import io.governor.executor.call.Waiter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Virtual time for tests: moves only when told, and its waiter jumps straight to the instant waited for. */
public final class TestClock extends Clock {
    private final AtomicLong nowMs;

    public TestClock(long startMs) {
        this.nowMs = new AtomicLong(startMs);
    }

    public void advance(long ms) {
        nowMs.addAndGet(ms);
    }

    public void set(long ms) {
        nowMs.set(ms);
    }

    /** A waiter that moves this clock to the awaited instant and returns at once. */
    public Waiter jumpingWaiter() {
        return epochMs -> {
            nowMs.accumulateAndGet(epochMs, Math::max);
            return CompletableFuture.completedFuture(null);
        };
    }

    @Override
    public long millis() {
        return nowMs.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
