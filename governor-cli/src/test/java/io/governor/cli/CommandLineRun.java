package io.governor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the CLI in this JVM: its exit code and what it wrote. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GovernorCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
