package io.governor.simulator.report;

import java.util.Map;

/** The simulator's output (contract: Report), written with GovernorJson. Maps are sorted by key. */
public record Report(String scenario, long seed, String mode, double virtualSeconds, double wallSeconds,
                     Map<String, Figures> accounts, Figures totals) {

    public Report {
        accounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(accounts));
    }

    public Report withWallSeconds(double seconds) {
        return new Report(scenario, seed, mode, virtualSeconds, seconds, accounts, totals);
    }
}
