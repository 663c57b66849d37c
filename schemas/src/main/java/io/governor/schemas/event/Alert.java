package io.governor.schemas.event;

/**
 * A state change a user should hear about. {@code value} and {@code threshold} are the measured figure and the
 * configured line it crossed (e.g. 0.95 of a quota), null for kinds without one, such as circuit changes.
 */
public record Alert(
        @Required long at,
        @Required String account,
        String lane,
        @Required AlertKind kind,
        Double value,
        Double threshold,
        @Required String message) {

    public Alert {
        EventChecks.requireAtLeast("at", at, 0);
        EventChecks.requireText("account", account, EventChecks.NAME_MAX);
        EventChecks.requirePresent("kind", kind);
        EventChecks.requireText("message", message, 4096);
    }
}
