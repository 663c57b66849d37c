package io.governor.streams.topology;

import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;

/**
 * Reads one account's policy as it arrives on {@code governor.policies}, merged over the defaults of the policy
 * file. Throws {@link IllegalArgumentException} whose message names the field and the problem.
 */
@FunctionalInterface
public interface AccountPolicyParser {
    /** The contract's reader: JSON, unknown keys refused, every field validated as in a policy file. */
    AccountPolicyParser STANDARD = (account, json, file) ->
            PolicyLoader.parseAccount("governor.policies[" + account + "]", json, file);

    AccountPolicy parse(String account, String json, PolicyDocument file);
}
