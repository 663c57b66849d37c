package io.governor.streams.topology;

import io.governor.core.admission.AdmissionPolicy;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.PolicyDocument;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The policies one task decides with: the file given at start, overridden per account by records of
 * {@code governor.policies}. Overrides live in a state store so a restarted or moved task decides with the same
 * policy; a tombstone removes the account, which then falls back to the file's defaults like any account the
 * file does not name (or is UNKNOWN_ACCOUNT when the defaults have no limits).
 */
final class PolicyBook {
    /** Name of the store of run-time overrides: account → policy JSON, or {@link #REMOVED}. */
    static final String STORE = "governor-policies";
    private static final String REMOVED = "";

    private final PolicyDocument file;
    private final KeyValueStore<String, String> overrides;
    private final AccountPolicyParser parser;
    private final Map<String, Optional<AdmissionPolicy>> prepared = new HashMap<>();

    PolicyBook(PolicyDocument file, KeyValueStore<String, String> overrides, AccountPolicyParser parser) {
        this.file = file;
        this.overrides = overrides;
        this.parser = parser;
    }

    /** The account's prepared policy, or empty when the account is unknown. */
    Optional<AdmissionPolicy> policyFor(String account) {
        Optional<AdmissionPolicy> p = prepared.get(account);
        if (p == null) {
            p = resolve(account).map(AdmissionPolicy::new);
            prepared.put(account, p);
        }
        return p;
    }

    /**
     * Applies a record of the policies topic: {@code json} null is a tombstone. Throws IllegalArgumentException
     * (field and problem) for an invalid policy, leaving the old one in force.
     */
    void apply(String account, String json) {
        if (json == null) {
            overrides.put(account, REMOVED);
        } else {
            AccountPolicy parsed = parser.parse(account, json, file);
            new AdmissionPolicy(parsed);
            overrides.put(account, json);
        }
        prepared.remove(account);
    }

    private Optional<AccountPolicy> resolve(String account) {
        String override = overrides.get(account);
        if (override == null) {
            return file.policyFor(account);
        }
        if (override.equals(REMOVED)) {
            return Optional.ofNullable(file.defaults());
        }
        return Optional.of(parser.parse(account, override, file));
    }
}
