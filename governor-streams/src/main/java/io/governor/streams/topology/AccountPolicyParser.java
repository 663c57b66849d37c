package io.governor.streams.topology;

import io.governor.schemas.policy.AccountPolicy;

/**
 * Reads one account's policy as it arrives on {@code governor.policies}, merged over the file's defaults.
 * Throws {@link IllegalArgumentException} whose message names the field and the problem.
 */
@FunctionalInterface
public interface AccountPolicyParser {
    AccountPolicy parse(String account, String json, AccountPolicy defaults);
}
