package io.governor.schemas.policy;

/** SMOOTH spreads permits evenly over each window; BURST lets a whole window go at once. */
public enum Pacing { SMOOTH, BURST }
