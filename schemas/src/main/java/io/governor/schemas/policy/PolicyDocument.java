package io.governor.schemas.policy;

import java.util.Map;
import java.util.Optional;

/**
 * A whole policy file. {@code defaults} is the merged-in base of every account and, when it has limits,
 * the policy of accounts the file does not name; null when the file has no usable defaults.
 * {@code defaultsJson} is the file's {@code defaults} section as JSON (null when it has none), kept so that
 * account policies arriving later on {@code governor.policies} are merged over exactly what the file said,
 * limits or not (see {@link PolicyLoader#parseAccount(String, String, PolicyDocument)}).
 */
public record PolicyDocument(AccountPolicy defaults, Map<String, AccountPolicy> accounts, String defaultsJson) {
    public PolicyDocument {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    public PolicyDocument(AccountPolicy defaults, Map<String, AccountPolicy> accounts) {
        this(defaults, accounts, null);
    }

    /** The account's policy, else the defaults when they have limits, else empty (UNKNOWN_ACCOUNT). */
    public Optional<AccountPolicy> policyFor(String account) {
        AccountPolicy own = accounts.get(account);
        return own != null ? Optional.of(own) : Optional.ofNullable(defaults);
    }
}
