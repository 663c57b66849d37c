package io.governor.schemas.scenario;

/** How the simulated upstream counts: SLIDING keeps an exact log of calls, FIXED uses aligned windows. */
public enum UpstreamAlgorithm { SLIDING, FIXED }
