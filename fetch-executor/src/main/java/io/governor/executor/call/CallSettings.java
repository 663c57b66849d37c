package io.governor.executor.call;

import io.governor.schemas.InvalidFieldException;

/**
 * Settings of a {@link CallExecutor}: {@code concurrency} caps the calls in progress across all accounts (the
 * policy's {@code concurrency} caps each account), {@code maxBody} the bytes of a body kept in a Result, and
 * {@code executor} names this process in every Outcome.
 */
public record CallSettings(int concurrency, int maxBody, String executor) {
    public static final int DEFAULT_CONCURRENCY = 64;
    public static final int DEFAULT_MAX_BODY = 1 << 20;
    public static final int MAX_REDIRECTS = 5;

    public CallSettings {
        if (concurrency < 1) {
            throw new InvalidFieldException("concurrency", "must be >= 1, was " + concurrency);
        }
        if (maxBody < 0) {
            throw new InvalidFieldException("maxBody", "must be >= 0 bytes, was " + maxBody);
        }
        if (executor == null || executor.isBlank()) {
            throw new InvalidFieldException("executor", "must name this executor, was \"" + executor + "\"");
        }
    }
}
