package io.governor.schemas.event;

/** Order in which waiting intents are released; CRITICAL first. */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    /** True when this priority is released before {@code other}. */
    public boolean isAbove(Priority other) {
        return ordinal() < other.ordinal();
    }
}
