package io.governor.cli;

import io.governor.simulator.SimulateOptions;
import io.governor.simulator.SimulatorApp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code governor simulate}: replays a scenario in virtual time through the real governor topology against a
 * simulated upstream that enforces the true limits. Live mode (real broker, executor and HTTP upstream) and
 * the HTML page arrive with the rest of the simulator; until then only what works is offered.
 */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {"Replay a scenario in fast virtual time: the governor topology decides, a simulated upstream"
                + " enforces the scenario's true limits and counts violations. Prints a table (the naive baseline"
                + " beside it with --baseline) and writes the report JSON."})
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

    @Override
    public Integer call() {
        var options = new SimulateOptions(InputFiles.requireReadable(scenario, "SCENARIO"), report, null, baseline,
                events);
        return new SimulatorApp(new PrintStream(System.out, true), System.err).run(options);
    }
}
