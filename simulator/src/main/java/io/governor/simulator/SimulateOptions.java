package io.governor.simulator;

import io.governor.simulator.live.LiveOptions;
import io.governor.simulator.virtual.VirtualRun;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code governor simulate} was asked for. {@code report}, {@code html} and {@code events} are null when not
 * wanted; {@code live} is null for virtual mode; {@code engine} decides in virtual mode (ignored when live).
 */
public record SimulateOptions(Path scenario, Path report, Path html, boolean baseline, Path events, LiveOptions live,
                              VirtualRun.Engine engine) {
    public SimulateOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(engine, "engine");
    }

    /** The default (core) engine. */
    public SimulateOptions(Path scenario, Path report, Path html, boolean baseline, Path events, LiveOptions live) {
        this(scenario, report, html, baseline, events, live, VirtualRun.Engine.CORE);
    }

    /** Virtual mode. */
    public SimulateOptions(Path scenario, Path report, Path html, boolean baseline, Path events) {
        this(scenario, report, html, baseline, events, null);
    }

    public static SimulateOptions of(Path scenario) {
        return new SimulateOptions(scenario, null, null, false, null);
    }
}
