package io.governor.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of the files named on a command line, done before any work starts so failures are immediate and clear. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Returns {@code file} if it is a readable regular file.
     *
     * @param option the option or parameter that named it, e.g. {@code --policy}, for the message
     * @throws InvalidInputException {@code policy.yaml: no such file (--policy)} and the like
     */
    public static Path requireReadable(Path file, String option) {
        if (file == null) {
            throw new InvalidInputException(option + ": no file given");
        }
        String problem = null;
        if (!Files.exists(file)) {
            problem = "no such file";
        } else if (Files.isDirectory(file)) {
            problem = "is a directory, expected a file";
        } else if (!Files.isReadable(file)) {
            problem = "is not readable (check its permissions)";
        }
        if (problem != null) {
            throw new InvalidInputException(file + ": " + problem + " (" + option + ")");
        }
        return file;
    }
}
