package io.governor.executor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    /** Offers {@code total} bytes in 64 KiB buffers, only as fast as they are requested. */
    private static final class Source implements Flow.Subscription {
        final AtomicLong sent = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        final long total;
        CappedBody.Subscriber subscriber;
        int maxRetained;

        Source(long total) {
            this.total = total;
        }

        @Override
        public void request(long n) {
            for (long i = 0; i < n && !cancelled.get(); i++) {
                long left = total - sent.get();
                if (left <= 0) {
                    subscriber.onComplete();
                    return;
                }
                int size = (int) Math.min(chunk.capacity(), left);
                sent.addAndGet(size);
                subscriber.onNext(List.of(chunk.duplicate().limit(size)));
                maxRetained = Math.max(maxRetained, subscriber.retainedCapacity());
            }
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private static CappedBody read(Source source, int cap) {
        source.subscriber = (CappedBody.Subscriber) CappedBody.subscriber(cap);
        source.subscriber.onSubscribe(source);
        return source.subscriber.getBody().toCompletableFuture().join();
    }

    @Test
    void shouldHoldNoMoreThanTheCapOfAFiftyMegabyteBodyAndStopReading() {
        Source source = new Source(50L * 1024 * 1024);

        CappedBody body = read(source, 100_000);

        assertTrue(body.truncated());
        assertEquals(100_000, body.bytes().length);
        assertTrue(source.maxRetained <= 100_000, "retained " + source.maxRetained);
        assertTrue(source.cancelled.get());
        assertTrue(source.sent.get() <= 2 * 64 * 1024, "read " + source.sent.get() + " bytes of 50 MB");
    }

    @Test
    void shouldKeepABodyThatFitsWhole() {
        Source source = new Source(100_000);

        CappedBody body = read(source, 100_000);

        assertFalse(body.truncated());
        assertEquals(100_000, body.bytes().length);
        assertFalse(source.cancelled.get());
    }

    @Test
    void shouldCountAnyByteBeyondAZeroCapAsTruncation() {
        assertTrue(read(new Source(1), 0).truncated());
        CappedBody empty = read(new Source(0), 0);
        assertFalse(empty.truncated());
        assertArrayEquals(new byte[0], empty.bytes());
    }
}
