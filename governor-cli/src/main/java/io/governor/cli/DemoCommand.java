package io.governor.cli;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.SimulateOptions;
import io.governor.simulator.SimulatorApp;
import io.governor.simulator.live.LiveOptions;
import io.governor.simulator.live.LiveSimulation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governor demo}: the whole system on this machine for about a minute and a half: an embedded broker, the
 * governor, an executor and a simulated HTTP upstream, fed the demo scenario in real time, then the report (with
 * the naive baseline beside it) on the console and in {@code report.html}.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Run Governor end to end on this machine: an embedded Kafka broker, the governor, an executor"
                + " and a simulated upstream on 127.0.0.1, fed one minute of demo traffic in real time. Prints the"
                + " report with the naive baseline beside it and writes report.html here. Ctrl-C stops every part."})
final class DemoCommand implements Callable<Integer> {
    static final Path HTML = Path.of("report.html");

    /** For tests and experiments: another (shorter) scenario instead of the built-in one. */
    @Option(names = "--scenario", paramLabel = "FILE", hidden = true)
    Path scenario;

    @Override
    public Integer call() {
        LiveLogging.quiet();
        long started = System.nanoTime();
        Scenario demo = scenario == null ? LiveSimulation.demoScenario()
                : ScenarioLoader.load(InputFiles.requireReadable(scenario, "--scenario"));
        PrintStream out = new PrintStream(System.out, true);
        out.println("Governor demo: an embedded Kafka broker, the governor, an executor and a simulated API on"
                + " 127.0.0.1,");
        out.println("fed " + demo.duration().toSeconds() + " s of traffic in real time (scenario " + demo.name()
                + "); the naive baseline then runs on the same traffic in virtual time.");
        var options = new SimulateOptions(scenario == null ? Path.of("demo.yaml") : scenario, null, HTML, true, null,
                LiveOptions.embedded());
        int code = new SimulatorApp(out, System.err).run(demo, options);
        out.printf("demo finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        return code;
    }
}
