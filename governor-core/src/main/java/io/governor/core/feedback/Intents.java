package io.governor.core.feedback;

import io.governor.schemas.event.Intent;

/** Copies of an intent with one field changed, for retries and fallback hops. */
public final class Intents {
    private Intents() {
    }

    /**
     * The intent as a fallback account admits it: the Permit then names that account. {@code lane} replaces the
     * asked-for lane (null when the fallback has no lane of that name).
     */
    public static Intent withAccount(Intent i, String account, String lane) {
        return new Intent(i.id(), account, i.tenant(), lane, i.priority(), i.cost(), i.job(), i.notBefore(),
                i.deadline(), i.maxAttempts(), i.fallbacks(), i.replyTo(), i.request(), i.attributes(),
                i.createdAt());
    }

    /** The intent as a retry waits: it may not start before the backoff ends. */
    public static Intent withNotBefore(Intent i, long notBefore) {
        return new Intent(i.id(), i.account(), i.tenant(), i.lane(), i.priority(), i.cost(), i.job(), notBefore,
                i.deadline(), i.maxAttempts(), i.fallbacks(), i.replyTo(), i.request(), i.attributes(),
                i.createdAt());
    }
}
