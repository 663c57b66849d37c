package io.governor.simulator;

import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.live.LiveSimulation;
import io.governor.simulator.report.ConsoleTable;
import io.governor.simulator.report.EventsFile;
import io.governor.simulator.report.HtmlReport;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.Report;
import io.governor.simulator.report.RunEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The entry the CLI calls for {@code governor simulate} (virtual mode): loads the scenario, runs it, prints the
 * console table on {@code out}, writes the report and the events file when asked. A bad scenario or trace throws
 * the loader's InvalidDocumentException (the CLI maps it to exit 2); returns 0 on success.
 */
public final class SimulatorApp {
    private final PrintStream out;
    private final PrintStream err;

    public SimulatorApp(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public SimulatorApp() {
        this(System.out, System.err);
    }

    public int run(SimulateOptions options) {
        return run(ScenarioLoader.load(options.scenario()), options);
    }

    /** Runs a scenario already loaded (the demo's, from a resource); {@code options.scenario()} names its source. */
    public int run(Scenario scenario, SimulateOptions options) {
        Report report;
        Simulation.Charted charted;
        boolean terminal = err == System.err && System.console() != null;
        try (RunEvents events = options.events() == null ? RunEvents.NONE : new EventsFile(options.events())) {
            if (options.live() != null) {
                charted = new LiveSimulation(err, terminal).runCharted(scenario, options.scenario(), options.live(),
                        options.baseline(), events);
            } else {
                Progress progress = new Progress(err, terminal, scenario.startMs(), scenario.duration().toMillis());
                charted = new Simulation(scenario, options.engine()).runCharted(options.baseline(), events, progress);
            }
            report = charted.report();
        }
        out.print(ConsoleTable.render(report));
        if (options.live() != null && options.baseline()) {
            out.println("(live: Governor ran in real time on Kafka; the naive baseline ran in virtual time against the"
                    + " same traffic and truth)");
        }
        if (options.report() != null) {
            write(options.report(), report);
        }
        if (options.html() != null) {
            HtmlReport.write(report, charted.governor(), charted.baseline(), options.html());
            out.println("HTML report: " + options.html().toAbsolutePath().normalize());
        }
        return 0;
    }

    /** The report as the contract's JSON. */
    public static String toJson(Report report) {
        try {
            return GovernorJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }

    private static void write(Path file, Report report) {
        try {
            Files.writeString(file, toJson(report) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file, e);
        }
    }

    public static void main(String[] args) {
        var options = new SimulateOptions(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null, null,
                java.util.Arrays.asList(args).contains("--baseline"), null);
        System.exit(new SimulatorApp().run(options));
    }
}
