package io.governor.schemas.scenario;

/**
 * How a rate traffic entry spaces its intents: CONSTANT evenly, POISSON with exponential gaps (seeded),
 * BURST at the rate plus {@code burstSize} intents at once every {@code burstEvery}.
 */
public enum TrafficShape { CONSTANT, POISSON, BURST }
