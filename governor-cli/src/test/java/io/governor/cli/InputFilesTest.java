package io.governor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @Test
    void shouldReturnAReadableFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "accounts: {}");

        assertEquals(file, InputFiles.requireReadable(file, "--policy"));
    }

    @Test
    void shouldNameTheFileAndTheOptionWhenTheFileIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> InputFiles.requireReadable(missing, "--policy"));

        assertEquals(missing + ": no such file (--policy)", error.getMessage());
    }

    @Test
    void shouldRefuseADirectory(@TempDir Path dir) {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> InputFiles.requireReadable(dir, "--scenario"));

        assertEquals(dir + ": is a directory, expected a file (--scenario)", error.getMessage());
    }

    @Test
    void shouldMapInvalidInputToExitCodeTwoAndEverythingElseToOne() {
        assertEquals(2, CommandFailures.exitCode(new InvalidInputException("x")));
        assertEquals(2, CommandFailures.exitCode(new io.governor.schemas.document.InvalidDocumentException("f", "a.b", "bad")));
        assertEquals(1, CommandFailures.exitCode(new IllegalStateException("broker down")));
    }
}
