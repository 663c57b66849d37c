package io.governor.core.window;

/**
 * Out-parameter of {@link WindowSet#earliest}: what pushed the earliest time last. Only the slow (deferral)
 * path passes one, so the permit path allocates nothing.
 */
public final class Binding {
    /** What kind of constraint bound. */
    public enum Kind { NONE, WINDOW, PACING, PAUSED }

    private Kind kind = Kind.NONE;
    private String window;

    void set(Kind kind, String window) {
        this.kind = kind;
        this.window = window;
    }

    public Kind kind() {
        return kind;
    }

    /** Name of the binding window, e.g. {@code 1h}, {@code lane:ip-1/1m}; null when paused or nothing bound. */
    public String window() {
        return window;
    }

    public void clear() {
        kind = Kind.NONE;
        window = null;
    }
}
