package io.governor.core.dedup;

/**
 * Intent ids seen by one account, each remembered until its expiry, so an id is never permitted twice. Over a
 * key-value store: {@code intentId} → expiresAt, with a time-ordered index (or the store's TTL) to forget them.
 */
public interface SeenIds {

    /** Remembers the id until {@code expiresAt}; false when it was already remembered at {@code now}. */
    boolean markSeen(String intentId, long now, long expiresAt);

    /** Forgets ids whose expiry is {@code <= now}. */
    void expire(long now);

    int size();
}
