package io.governor.executor.http;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body cut to a size cap. {@code truncated} is true when the upstream had more to send.
 *
 * <p>{@link #subscriber(int)} reads it without ever holding more than the cap: it copies what fits, and on the
 * first byte beyond the cap it cancels the subscription (closing the stream) instead of draining a 50 MB body
 * nobody will see. Bytes are requested one buffer at a time, so the HTTP client never queues ahead of us.
 */
public record CappedBody(byte[] bytes, boolean truncated) {

    public static BodySubscriber<CappedBody> subscriber(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap: must be >= 0, was " + cap);
        }
        return new Subscriber(cap);
    }

    static final class Subscriber implements BodySubscriber<CappedBody> {
        private final int cap;
        private final CompletableFuture<CappedBody> body = new CompletableFuture<>();
        private byte[] buffer;
        private int size;
        private Flow.Subscription subscription;

        Subscriber(int cap) {
            this.cap = cap;
            this.buffer = new byte[Math.min(cap, 8192)];
        }

        /** Bytes held right now; never more than the cap (tests check this on huge bodies). */
        int retainedCapacity() {
            return buffer.length;
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return; // cancelled; the publisher may still deliver what was in flight
            }
            for (ByteBuffer item : items) {
                int room = cap - size;
                int n = Math.min(room, item.remaining());
                if (n > 0) {
                    ensureCapacity(size + n);
                    item.get(buffer, size, n);
                    size += n;
                }
                if (item.hasRemaining()) {
                    subscription.cancel();
                    body.complete(new CappedBody(Arrays.copyOf(buffer, size), true));
                    buffer = new byte[0];
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(new CappedBody(Arrays.copyOf(buffer, size), false));
        }

        private void ensureCapacity(int needed) {
            if (needed > buffer.length) {
                int grown = (int) Math.min(cap, Math.max((long) needed, buffer.length * 2L));
                buffer = Arrays.copyOf(buffer, grown);
            }
        }
    }
}
