package io.governor.cli;

import io.governor.executor.ExecutorApp;
import io.governor.executor.ExecutorOptions;
import io.governor.schemas.DurationText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code governor executor}: performs permitted calls and reports their outcomes, until SIGTERM. */
@Command(name = "executor",
        mixinStandardHelpOptions = true,
        description = {"Run a fetch executor: consumes <prefix>permits, makes each HTTP call inside its validity"
                + " (only to the policy's executor.allow URLs), publishes an Outcome and a Result for every permit."
                + " SIGTERM stops fetching, finishes in-flight calls within --grace and exits 0."})
final class ExecutorCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "Policy file (YAML or JSON): executor.allow, timeout and headers per account.")
    Path policy;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "64",
            description = "Calls in flight at most, over all accounts (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1MB",
            description = "Response bytes kept in a Result; the rest is dropped and marked truncated"
                    + " (default: ${DEFAULT-VALUE}).")
    String maxBody;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time to finish in-flight calls on SIGTERM (default: ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--at-least-once", description = "Commit a permit after its call, not before: a crash may"
            + " repeat a call (only for idempotent targets). Default: at most once.")
    boolean atLeastOnce;

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = "governor-executor",
            description = "Consumer group; executors with the same id share the permits (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "governor.",
            description = "Prefix of every topic (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Override
    public Integer call() {
        var options = new ExecutorOptions(bootstrap, InputFiles.requireReadable(policy, "--policy"), concurrency,
                ExecutorOptions.parseByteSize("--max-body", maxBody), DurationText.parse("--grace", grace),
                atLeastOnce, groupId, topicPrefix);
        return new ExecutorApp(options).runUntilSignalled();
    }
}
