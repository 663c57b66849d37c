package io.governor.simulator.report;

import java.util.Map;

/**
 * The simulator's output (contract: Report), written with GovernorJson. Maps are sorted by key. {@code engine}
 * names the virtual engine that decided ({@code core} or {@code topology}); null (absent from the JSON) in live
 * mode.
 */
public record Report(String scenario, long seed, String mode, String engine, double virtualSeconds,
                     double wallSeconds, Map<String, Figures> accounts, Figures totals) {

    public Report {
        accounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(accounts));
    }

    /** Without an engine (live mode). */
    public Report(String scenario, long seed, String mode, double virtualSeconds, double wallSeconds,
                  Map<String, Figures> accounts, Figures totals) {
        this(scenario, seed, mode, null, virtualSeconds, wallSeconds, accounts, totals);
    }

    public Report withWallSeconds(double seconds) {
        return new Report(scenario, seed, mode, engine, virtualSeconds, seconds, accounts, totals);
    }

    public Report withEngine(String name) {
        return new Report(scenario, seed, mode, name, virtualSeconds, wallSeconds, accounts, totals);
    }
}
