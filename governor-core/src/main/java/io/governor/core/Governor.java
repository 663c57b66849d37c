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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every account of a policy file in memory, for the simulator and tests: routes each intent to its account's
 * {@link AccountAdmission} (created on first use, from {@link PolicyDocument#policyFor}) and releases all
 * accounts. Outcomes feed back to the account that permitted them; fallback redirects are followed at once, so
 * the returned decisions never hold a {@link Redirected}. Single-threaded; time is handed in.
 */
public final class Governor {
    private final PolicyDocument policies;
    private final AdmissionSettings settings;
    private final Map<String, AccountAdmission> accounts = new LinkedHashMap<>();

    public Governor(PolicyDocument policies, AdmissionSettings settings) {
        this.policies = policies;
        this.settings = settings;
    }

    public Governor(PolicyDocument policies) {
        this(policies, AdmissionSettings.defaults());
    }

    /** Decides an intent; the list may also hold decisions for waiting intents of its account that came due. */
    public List<AdmissionDecision> offer(Intent intent, long nowMs) {
        Optional<AccountAdmission> admission = account(intent.account());
        if (admission.isEmpty()) {
            return List.of(new Rejected(intent, RejectReason.UNKNOWN_ACCOUNT,
                    "no policy for account " + intent.account() + " and the defaults have no limits"));
        }
        return followRedirects(admission.get().offer(intent, nowMs), nowMs);
    }

    /** Feeds an outcome back to the account that permitted the call; unknown accounts are ignored. */
    public List<AdmissionDecision> outcome(Outcome outcome, long nowMs) {
        return account(outcome.account()).map(a -> followRedirects(a.outcome(outcome, nowMs), nowMs))
                .orElse(List.of());
    }

    /** Hands each redirected intent to its fallback (or back home) as the streams host does over its topic. */
    private List<AdmissionDecision> followRedirects(List<AdmissionDecision> ds, long nowMs) {
        List<AdmissionDecision> out = null;
        for (int i = 0; i < ds.size(); i++) {
            if (!(ds.get(i) instanceof Redirected r)) {
                if (out != null) {
                    out.add(ds.get(i));
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(ds.subList(0, i));
            }
            boolean home = r.hop() >= r.intent().fallbacks().size();
            Optional<AccountAdmission> to = account(r.toAccount());
            if (to.isEmpty() && home) {
                out.add(new Rejected(r.intent(), RejectReason.UNKNOWN_ACCOUNT, "no policy for account "
                        + r.toAccount() + " any more"));
            } else if (to.isEmpty()) { // an unknown fallback is skipped like one whose circuit is open
                int next = r.hop() + 1;
                String account = next < r.intent().fallbacks().size() ? r.intent().fallbacks().get(next)
                        : r.intent().account();
                out.addAll(followRedirects(List.of(new Redirected(r.intent(), account,
                        Math.min(next, r.intent().fallbacks().size()))), nowMs));
            } else {
                out.addAll(followRedirects(home ? to.get().offerReturned(r.intent(), nowMs)
                        : to.get().offerFallback(r.intent(), r.hop(), nowMs), nowMs));
            }
        }
        return out == null ? ds : out;
    }

    /** Releases every account that is due by {@code nowMs}. */
    public List<AdmissionDecision> release(long nowMs) {
        List<AdmissionDecision> out = new ArrayList<>();
        for (AccountAdmission a : accounts.values()) {
            if (a.nextWakeAt() <= nowMs) {
                out.addAll(a.release(nowMs));
            }
        }
        return out;
    }

    /** Earliest {@link AccountAdmission#nextWakeAt} of all accounts; Long.MAX_VALUE when nothing waits. */
    public long nextWakeAt() {
        long wake = Long.MAX_VALUE;
        for (AccountAdmission a : accounts.values()) {
            wake = Math.min(wake, a.nextWakeAt());
        }
        return wake;
    }

    /** The account's admission, created on first use; empty when the account has no policy. */
    public Optional<AccountAdmission> account(String account) {
        AccountAdmission a = accounts.get(account);
        if (a != null) {
            return Optional.of(a);
        }
        Optional<AccountPolicy> policy = policies.policyFor(account);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        AdmissionPolicy compiled = new AdmissionPolicy(policy.get());
        a = new AccountAdmission(account, compiled, new AccountState(compiled), AdmissionStores.inMemory(), settings);
        accounts.put(account, a);
        return Optional.of(a);
    }

    /** Intents waiting across all accounts. */
    public int queueDepth() {
        int n = 0;
        for (AccountAdmission a : accounts.values()) {
            n += a.queueDepth();
        }
        return n;
    }
}
