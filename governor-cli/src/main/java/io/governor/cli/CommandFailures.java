package io.governor.cli;

import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.document.InvalidDocumentException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What the user sees when a command fails, and its exit code: 2 for input the user can fix (a missing file, a
 * document or value that breaks the contract: the message names file, field and reason), 1 for anything else,
 * as one line; the stack trace only with {@code --verbose}. Usage errors are picocli's own (usage, exit 2).
 */
final class CommandFailures implements IExecutionExceptionHandler {
    static final int RUNTIME_FAILURE = 1;
    static final int INVALID_INPUT = 2;

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult fullParseResult) {
        PrintWriter err = commandLine.getErr();
        int code = exitCode(failure);
        if (code == INVALID_INPUT) {
            err.println(failure.getMessage());
        } else {
            err.println(commandLine.getCommandName() + ": " + oneLine(failure)
                    + (verbose(fullParseResult) ? "" : " (--verbose shows the stack trace)"));
        }
        if (verbose(fullParseResult)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Exit code of a failure; also picocli's exit-code mapper. */
    static int exitCode(Throwable failure) {
        if (failure instanceof InvalidInputException || failure instanceof InvalidDocumentException
                || failure instanceof InvalidFieldException || failure instanceof CommandLine.ParameterException) {
            return INVALID_INPUT;
        }
        return RUNTIME_FAILURE;
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
