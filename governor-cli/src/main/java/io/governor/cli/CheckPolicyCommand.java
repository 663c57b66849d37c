package io.governor.cli;

import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code governor check-policy FILE}: loads a policy exactly as the governor would and summarises it. */
@Command(name = "check-policy",
        mixinStandardHelpOptions = true,
        description = {"Validate a policy file (YAML or JSON) and print a summary of each account.",
                "An invalid file exits with code 2 and a message naming the file, the field and the reason."})
final class CheckPolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Override
    public Integer call() {
        PolicyDocument policy = PolicyLoader.load(InputFiles.requireReadable(file, "FILE"));
        PrintWriter out = spec.commandLine().getOut();
        int accounts = policy.accounts().size();
        out.println(file + ": valid policy, " + accounts + (accounts == 1 ? " account" : " accounts"));
        new TreeMap<>(policy.accounts()).forEach((account, accountPolicy) -> out.println("  " + account + ": " + summary(accountPolicy)));
        out.println(policy.defaults() == null
                ? "  other accounts: rejected UNKNOWN_ACCOUNT (defaults have no limits)"
                : "  other accounts: the defaults, " + summary(policy.defaults()));
        out.flush();
        return 0;
    }

    /** {@code limits 5/1s, 60000/1d@Australia/Sydney; safety 0.9; concurrency 4; lanes 3 x (60/1m, 1000/1h); ...}. */
    static String summary(AccountPolicy policy) {
        List<String> parts = new ArrayList<>();
        if (!policy.limits().isEmpty()) {
            parts.add("limits " + limits(policy.limits()));
        }
        if (policy.safety() != 1.0) {
            parts.add("safety " + policy.safety());
        }
        if (policy.concurrency() != null) {
            parts.add("concurrency " + policy.concurrency());
        }
        if (policy.lanes() != null) {
            parts.add("lanes " + policy.lanes().members().size() + " x (" + limits(policy.lanes().limits()) + ")");
        }
        if (policy.tenants() != null) {
            parts.add("per-tenant limits");
        }
        if (policy.circuit() != null) {
            parts.add("circuit breaker");
        }
        if (policy.executor() != null && policy.executor().allow() != null && !policy.executor().allow().isEmpty()) {
            parts.add("executor allows " + String.join(" ", policy.executor().allow()));
        }
        return String.join("; ", parts);
    }

    private static String limits(List<LimitSpec> limits) {
        return limits.stream().map(limit -> limit.max() + "/" + limit.windowName()).collect(Collectors.joining(", "));
    }
}
