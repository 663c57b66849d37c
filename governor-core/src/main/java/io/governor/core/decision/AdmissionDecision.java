package io.governor.core.decision;

import io.governor.schemas.event.Intent;

/**
 * The governor's answer about one intent. Every intent gets exactly one final answer, {@link Permitted} or
 * {@link Rejected}, possibly after one or more {@link Deferred} notices (one when it starts waiting, another
 * only when the reason changes) or a {@link Redirected} hand-over to a fallback account. An outcome that is
 * retried makes a Permitted non-final: the intent waits again and is later permitted with attempt + 1 (or
 * rejected, e.g. ATTEMPTS_EXHAUSTED).
 */
public sealed interface AdmissionDecision {

    Intent intent();

    /** The call may start anywhere in [notBefore, validUntil] on {@code lane} (null when the account has none). */
    record Permitted(Intent intent, String lane, long notBefore, long validUntil, long waitedMs, int attempt)
            implements AdmissionDecision {
    }

    /**
     * The intent waits. {@code bindingWindow} names the limit that binds ({@code 1h}, {@code lane:ip-1/1m},
     * {@code tenant:acme/1s}, {@code 1d@Australia/Sydney}), null when none does (NOT_YET, PAUSED).
     * {@code retryAt} estimates when it could be permitted; {@code queueDepth} counts the account's waiting intents.
     */
    record Deferred(Intent intent, DeferReason reason, String bindingWindow, long retryAt, int queueDepth)
            implements AdmissionDecision {
    }

    /**
     * Not decided here: the account's circuit is open, so the intent goes to the account {@code toAccount}, its
     * fallback number {@code hop} (0 first); {@code hop == intent.fallbacks().size()} sends it back to its own
     * account, which holds it waiting CIRCUIT_OPEN. The intent is the one received (its account the primary).
     */
    record Redirected(Intent intent, String toAccount, int hop) implements AdmissionDecision {
    }

    /** Refused for good; {@code detail} is a sentence for humans. */
    record Rejected(Intent intent, RejectReason reason, String detail) implements AdmissionDecision {
    }
}
