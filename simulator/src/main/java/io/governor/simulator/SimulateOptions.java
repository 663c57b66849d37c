package io.governor.simulator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code governor simulate} was asked for. {@code report}, {@code html} and {@code events} are null when not
 * wanted; {@code html} is accepted but not written yet (SimulatorApp says so on stderr). Live mode is not here yet.
 */
public record SimulateOptions(Path scenario, Path report, Path html, boolean baseline, Path events) {
    public SimulateOptions {
        Objects.requireNonNull(scenario, "scenario");
    }

    public static SimulateOptions of(Path scenario) {
        return new SimulateOptions(scenario, null, null, false, null);
    }
}
