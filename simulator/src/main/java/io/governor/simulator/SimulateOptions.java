package io.governor.simulator;

import io.governor.simulator.live.LiveOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code governor simulate} was asked for. {@code report}, {@code html} and {@code events} are null when not
 * wanted; {@code live} is null for virtual mode.
 */
public record SimulateOptions(Path scenario, Path report, Path html, boolean baseline, Path events, LiveOptions live) {
    public SimulateOptions {
        Objects.requireNonNull(scenario, "scenario");
    }

    /** Virtual mode. */
    public SimulateOptions(Path scenario, Path report, Path html, boolean baseline, Path events) {
        this(scenario, report, html, baseline, events, null);
    }

    public static SimulateOptions of(Path scenario) {
        return new SimulateOptions(scenario, null, null, false, null);
    }
}
