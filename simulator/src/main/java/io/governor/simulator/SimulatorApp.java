package io.governor.simulator;

import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.report.ConsoleTable;
import io.governor.simulator.report.EventsFile;
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
        Scenario scenario = ScenarioLoader.load(options.scenario());
        if (options.html() != null) {
            err.println("--html: the HTML report is not written yet (" + options.html() + " skipped)");
        }
        Report report;
        try (RunEvents events = options.events() == null ? RunEvents.NONE : new EventsFile(options.events())) {
            Progress progress = err == System.err ? Progress.onStderr(scenario.startMs(), scenario.duration().toMillis())
                    : new Progress(err, false, scenario.startMs(), scenario.duration().toMillis());
            report = new Simulation(scenario).run(options.baseline(), events, progress);
        }
        out.print(ConsoleTable.render(report));
        if (options.report() != null) {
            write(options.report(), report);
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
