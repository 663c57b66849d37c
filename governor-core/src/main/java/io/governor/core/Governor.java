package io.governor.core;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AccountState;
import io.governor.core.admission.AdmissionSettings;
import io.governor.core.admission.AdmissionStores;
import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.RejectReason;
import io.governor.schemas.event.Intent;
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
 * accounts. Single-threaded; time is handed in.
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
        return admission.get().offer(intent, nowMs);
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
