package io.governor.cli;

import io.governor.simulator.SimulateOptions;
import io.governor.simulator.SimulatorApp;
import io.governor.simulator.live.LiveOptions;
import io.governor.simulator.virtual.VirtualRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code governor simulate}: replays a scenario in virtual time through the governor (its core, or with
 * {@code --engine topology} the real Kafka Streams topology; both decide alike) against a
 * simulated upstream that enforces the true limits, or with {@code --live} in real time on a real broker, governor,
 * executor and HTTP upstream.
 */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {"Replay a scenario in fast virtual time: the governor decides, a simulated upstream"
                + " enforces the scenario's true limits and counts violations. Prints a table (the naive baseline"
                + " beside it with --baseline) and writes the report JSON.",
                "With --live the scenario runs in real time (its duration) on a real broker (embedded, or"
                + " --bootstrap), governor, executor and an HTTP upstream on 127.0.0.1; Ctrl-C stops every part."})
final class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenario;

    @Option(names = "--report", paramLabel = "OUT.json", description = "Write the report as JSON.")
    Path report;

    @Option(names = "--baseline", description = "Also run the naive baseline (4 uncoordinated workers with local"
            + " token buckets and 429 backoff) on the same traffic and truth.")
    boolean baseline;

    @Option(names = "--events", paramLabel = "OUT.jsonl", description = "Write every Permit, Deferral, Rejection and"
            + " Outcome, one JSON object a line with a `type` field.")
    Path events;

    @Option(names = "--html", paramLabel = "OUT.html", description = "Write the report as an HTML page.")
    Path html;

    @Option(names = "--live", description = "Run in real time on a real broker, governor, executor and HTTP upstream"
            + " (the scenario's duration plus the drain; keep live scenarios short).")
    boolean live;

    @Option(names = "--engine", paramLabel = "core|topology", defaultValue = "core", converter = EngineName.class,
            description = "Virtual mode's governor: core (default; the engine-agnostic core hosted directly, fast) or"
            + " topology (the real Kafka Streams topology under TopologyTestDriver; same decisions, several times"
            + " slower).")
    VirtualRun.Engine engine;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "With --live: a running Kafka (default: an"
            + " embedded broker for the run).")
    String bootstrap;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (bootstrap != null && !live) {
            throw new ParameterException(spec.commandLine(), "--bootstrap needs --live");
        }
        var options = new SimulateOptions(InputFiles.requireReadable(scenario, "SCENARIO"), report, html, baseline,
                events, live ? new LiveOptions(bootstrap, null) : null, engine);
        if (live) {
            LiveLogging.quiet();
        }
        return new SimulatorApp(new PrintStream(System.out, true), System.err).run(options);
    }

    /** {@code core} or {@code topology}, any case; a bad name is a usage error (exit 2) that lists both. */
    static final class EngineName implements ITypeConverter<VirtualRun.Engine> {
        @Override
        public VirtualRun.Engine convert(String value) {
            try {
                return VirtualRun.Engine.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
