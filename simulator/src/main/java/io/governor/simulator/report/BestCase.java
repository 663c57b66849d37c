package io.governor.simulator.report;

/**
 * The least an account could take under the truth: {@code drainMs}, from the start to the last decision of a
 * perfect scheduler, and {@code allowed}, how many offered intents it would serve before their deadlines.
 * {@code backlog} says which one efficiency uses (an account offered a backlog is judged on its drain).
 */
public record BestCase(boolean backlog, long drainMs, long allowed) {
}
