package io.governor.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the module directory Maven runs the tests in. */
final class RepositoryFiles {
    private RepositoryFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
