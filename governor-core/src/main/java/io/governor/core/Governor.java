package io.governor.core;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AccountState;
import io.governor.core.admission.AdmissionSettings;
import io.governor.core.admission.AdmissionStores;
import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Redirected;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.RejectReason;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every account of a policy file in memory, for the simulator and tests: routes each intent to its account's
 * {@link AccountAdmission} (created on first use, from {@link PolicyDocument#policyFor}) and releases all
 * accounts. Outcomes feed back to the account that permitted them; fallback redirects are followed at once, so
 * the returned decisions never hold a {@link Redirected}. Single-threaded; time is handed in.
 *
 * <p>Decides in the same order as the streams host of one task, so a simulator can swap one for the other and get
 * the same decisions: a redirect is handled after the step that caused it, first in first out, as a record the
 * host forwards over its re-key topic is; {@link #release} visits due accounts by wake-up time, then account name
 * (UTF-8 byte order), as the host's wake-up index does.
 */
public final class Governor {
    private final PolicyDocument policies;
    private final AdmissionSettings settings;
    private final Map<String, Hosted> accounts = new HashMap<>();
    private final List<Hosted> hosted = new ArrayList<>();

    /**
     * An account's admission with its wake-up time as of the last step that touched it (the host keeps the same
     * in its wake-up index), so finding the due accounts reads one number per account. {@code stale} when the
     * admission was handed out by {@link #account} and may have changed behind our back.
     */
    private static final class Hosted {
        final AccountAdmission admission;
        final byte[] name;
        long wakeAt;
        boolean stale;

        Hosted(AccountAdmission admission, byte[] name) {
            this.admission = admission;
            this.name = name;
            this.wakeAt = admission.nextWakeAt();
        }

        List<AdmissionDecision> touched(List<AdmissionDecision> decisions) {
            wakeAt = admission.nextWakeAt();
            return decisions;
        }

        long wakeAt() {
            if (stale) {
                stale = false;
                wakeAt = admission.nextWakeAt();
            }
            return wakeAt;
        }
    }

    public Governor(PolicyDocument policies, AdmissionSettings settings) {
        this.policies = policies;
        this.settings = settings;
    }

    public Governor(PolicyDocument policies) {
        this(policies, AdmissionSettings.defaults());
    }

    /** Decides an intent; the list may also hold decisions for waiting intents of its account that came due. */
    public List<AdmissionDecision> offer(Intent intent, long nowMs) {
        Hosted h = hosted(intent.account());
        if (h == null) {
            return List.of(new Rejected(intent, RejectReason.UNKNOWN_ACCOUNT, "no policy for account \""
                    + intent.account() + "\" and the policy's defaults have no limits"));
        }
        return followRedirects(h.touched(h.admission.offer(intent, nowMs)), nowMs);
    }

    /** Feeds an outcome back to the account that permitted the call; unknown accounts are ignored. */
    public List<AdmissionDecision> outcome(Outcome outcome, long nowMs) {
        Hosted h = hosted(outcome.account());
        return h == null ? List.of() : followRedirects(h.touched(h.admission.outcome(outcome, nowMs)), nowMs);
    }

    /**
     * The step's decisions without its redirects, then those of each redirected intent at its fallback (or back
     * home), first in first out; a redirect met on the way joins the end of the line.
     */
    private List<AdmissionDecision> followRedirects(List<AdmissionDecision> step, long nowMs) {
        ArrayDeque<Redirected> hops = null;
        List<AdmissionDecision> out = null;
        List<AdmissionDecision> ds = step;
        while (true) {
            for (int i = 0; i < ds.size(); i++) {
                AdmissionDecision d = ds.get(i);
                if (d instanceof Redirected r) {
                    if (out == null) {
                        out = new ArrayList<>(ds.subList(0, i));
                        hops = new ArrayDeque<>();
                    }
                    hops.add(r);
                } else if (out != null) {
                    out.add(d);
                }
            }
            if (hops == null) {
                return step;
            }
            if (hops.isEmpty()) {
                return out;
            }
            ds = hop(hops.poll(), nowMs);
        }
    }

    /** One redirected intent arriving at its fallback number {@code hop}, or back home. */
    private List<AdmissionDecision> hop(Redirected r, long nowMs) {
        boolean home = r.hop() >= r.intent().fallbacks().size();
        Hosted to = hosted(r.toAccount());
        if (to != null) {
            return to.touched(home ? to.admission.offerReturned(r.intent(), nowMs)
                    : to.admission.offerFallback(r.intent(), r.hop(), nowMs));
        }
        if (home) {
            return List.of(new Rejected(r.intent(), RejectReason.UNKNOWN_ACCOUNT, "no policy for account \""
                    + r.toAccount() + "\" any more"));
        }
        // An unknown fallback is skipped like one whose circuit is open.
        int next = r.hop() + 1;
        String account = next < r.intent().fallbacks().size() ? r.intent().fallbacks().get(next)
                : r.intent().account();
        return List.of(new Redirected(r.intent(), account, Math.min(next, r.intent().fallbacks().size())));
    }

    /** Releases every account that is due by {@code nowMs}, earliest wake-up first. */
    public List<AdmissionDecision> release(long nowMs) {
        List<Hosted> due = null;
        for (Hosted h : hosted) {
            if (h.wakeAt() <= nowMs) {
                if (due == null) {
                    due = new ArrayList<>();
                }
                due.add(h);
            }
        }
        if (due == null) {
            return List.of();
        }
        if (due.size() > 1) {
            due.sort((a, b) -> {
                int byTime = Long.compare(a.wakeAt, b.wakeAt);
                return byTime != 0 ? byTime : Arrays.compareUnsigned(a.name, b.name);
            });
        }
        List<AdmissionDecision> out = new ArrayList<>();
        for (Hosted h : due) {
            out.addAll(h.touched(h.admission.release(nowMs)));
        }
        return followRedirects(out, nowMs);
    }

    /** Earliest {@link AccountAdmission#nextWakeAt} of all accounts; Long.MAX_VALUE when nothing waits. */
    public long nextWakeAt() {
        long wake = Long.MAX_VALUE;
        for (Hosted h : hosted) {
            wake = Math.min(wake, h.wakeAt());
        }
        return wake;
    }

    /**
     * The account's admission, created on first use; empty when the account has no policy. A caller may change
     * it (pause it, say): its wake-up time is read afresh before the next release.
     */
    public Optional<AccountAdmission> account(String account) {
        Hosted h = hosted(account);
        if (h == null) {
            return Optional.empty();
        }
        h.stale = true;
        return Optional.of(h.admission);
    }

    private Hosted hosted(String account) {
        Hosted h = accounts.get(account);
        if (h != null) {
            return h;
        }
        Optional<AccountPolicy> policy = policies.policyFor(account);
        if (policy.isEmpty()) {
            return null;
        }
        AdmissionPolicy compiled = new AdmissionPolicy(policy.get());
        h = new Hosted(new AccountAdmission(account, compiled, new AccountState(compiled), AdmissionStores.inMemory(),
                settings), account.getBytes(StandardCharsets.UTF_8));
        accounts.put(account, h);
        hosted.add(h);
        return h;
    }

    /** Intents waiting across all accounts. */
    public int queueDepth() {
        int n = 0;
        for (Hosted h : hosted) {
            n += h.admission.queueDepth();
        }
        return n;
    }
}
