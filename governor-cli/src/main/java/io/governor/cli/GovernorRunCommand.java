package io.governor.cli;

import io.governor.schemas.DurationText;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import io.governor.streams.GovernorStreamsOptions;
import io.governor.streams.app.GovernorApp;
import io.governor.streams.topology.AccountPolicyParser;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code governor governor}: one governor instance, until SIGTERM or Ctrl-C. */
@Command(name = "governor",
        mixinStandardHelpOptions = true,
        description = {"Run a governor instance: decides every intent on <prefix>intents (permit, defer or reject)"
                + " from the policy file and the governor.policies topic. Start several with the same"
                + " --application-id to share the accounts; SIGTERM or Ctrl-C stops it cleanly."})
final class GovernorRunCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "Policy file (YAML or JSON).")
    Path policy;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = GovernorStreamsOptions.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where state stores live (default: Kafka"
            + " Streams' temp dir).")
    Path stateDir;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = GovernorStreamsOptions.DEFAULT_TOPIC_PREFIX,
            description = "Prefix of every topic (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--lookahead", paramLabel = "DURATION", defaultValue = "250ms",
            description = "How far ahead a permit's notBefore is set (default: ${DEFAULT-VALUE}).")
    String lookahead;

    @Option(names = "--commit-interval", paramLabel = "DURATION", defaultValue = "100ms",
            description = "Kafka Streams commit interval (default: ${DEFAULT-VALUE}).")
    String commitInterval;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "20ms",
            description = "How often waiting intents are checked for release (default: ${DEFAULT-VALUE}).")
    String tick;

    @Option(names = "--dedup-retention", paramLabel = "DURATION", defaultValue = "1d",
            description = "How long intent ids are remembered (default: ${DEFAULT-VALUE}).")
    String dedupRetention;

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "0",
            description = "Warm copies of each task's state on other instances (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of topics this instance creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication", paramLabel = "N", defaultValue = "1",
            description = "Replication factor of topics this instance creates (default: ${DEFAULT-VALUE}).")
    short replication;

    @Option(names = "--metrics-interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often each account's QuotaSnapshot goes to <prefix>metrics, besides every circuit"
                    + " change (default: ${DEFAULT-VALUE}).")
    String metricsInterval;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port of this instance's /metrics, /health and /quotas endpoint; 0 picks a free port,"
                    + " -1 turns it off (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            defaultValue = GovernorStreamsOptions.DEFAULT_ADVERTISED_HOST,
            description = "Host name other instances use to reach this one's HTTP endpoint when answering /quotas"
                    + " for an account this instance does not own (default: ${DEFAULT-VALUE}).")
    String advertisedHost;

    @Option(names = "--at-least-once", description = "Use at_least_once instead of exactly_once_v2 (a crash may"
            + " then permit an intent twice: only for testing).")
    boolean atLeastOnce;

    @Override
    public Integer call() throws InterruptedException {
        PolicyDocument document = PolicyLoader.load(InputFiles.requireReadable(policy, "--policy"));
        var options = new GovernorStreamsOptions(bootstrap, applicationId, stateDir, topicPrefix,
                DurationText.parse("--lookahead", lookahead), DurationText.parse("--commit-interval", commitInterval),
                DurationText.parse("--tick", tick), DurationText.parse("--dedup-retention", dedupRetention),
                standbyReplicas, !atLeastOnce, partitions, replication,
                DurationText.parse("--metrics-interval", metricsInterval), httpPort, advertisedHost);
        var app = new GovernorApp(options, document, AccountPolicyParser.STANDARD);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "governor-shutdown"));
        app.start();
        stopped.await();
        return 0;
    }
}
