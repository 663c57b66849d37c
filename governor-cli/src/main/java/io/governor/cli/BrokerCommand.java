package io.governor.cli;

import io.governor.testkit.EmbeddedKafkaBroker;
import io.governor.testkit.KafkaBroker;
import io.governor.testkit.KafkaBrokers;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code governor broker}: a standalone embedded KRaft broker on 127.0.0.1 until Ctrl-C. */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        description = {"Run a standalone single-node Kafka broker (KRaft, in this JVM, no Docker) on 127.0.0.1 for"
                + " local work. Its data lives in a temp directory that is deleted when it stops (Ctrl-C)."})
final class BrokerCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 9092;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        KafkaBroker broker = start(spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGINT and SIGTERM run shutdown hooks: stop the broker there so its temp directory is removed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            System.out.println("Kafka broker stopped");
            stopped.countDown();
        }, "governor-broker-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the broker on the chosen port and prints where it is; the caller stops it. */
    KafkaBroker start(PrintWriter out) {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, was " + port);
        }
        long started = System.nanoTime();
        KafkaBroker broker = EmbeddedKafkaBroker.startOnPort(port);
        out.println(KafkaBrokers.readyLine(broker, System.nanoTime() - started));
        out.println("bootstrap.servers=" + broker.bootstrapServers());
        out.println("Ctrl-C to stop");
        out.flush();
        return broker;
    }
}
