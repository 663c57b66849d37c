package io.governor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code governor}: the launcher behind {@code ./governor}. Only commands that work are registered; the
 * contract's others arrive with their modules.
 */
@Command(name = "governor",
        mixinStandardHelpOptions = true,
        versionProvider = GovernorVersion.class,
        description = "Governor: a Kafka-native rate governor for rate-limited APIs.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {DemoCommand.class, BrokerCommand.class, GovernorRunCommand.class, ExecutorCommand.class, SimulateCommand.class,
                CheckPolicyCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad arguments or invalid input file, 1 runtime failure.",
                "Each command has --help."})
public final class GovernorCommand {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of failures (for bug reports).")
    boolean verbose;

    public static void main(String... args) {
        System.exit(execute(args));
    }

    /** Runs the command line with this process's streams and returns the exit code. */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** The configured command line (error handling and exit codes included), writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new GovernorCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new CommandFailures());
        commandLine.setExitCodeExceptionMapper(CommandFailures::exitCode);
        return commandLine;
    }
}
