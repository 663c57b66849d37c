package io.governor.executor.secret;

import io.governor.schemas.InvalidFieldException;

/** A policy header names an environment variable that is unset (or unusable). The value is never in the message. */
public final class MissingSecretException extends InvalidFieldException {
    private final String variable;

    public MissingSecretException(String field, String variable) {
        this(field, variable, "is not set in the environment");
    }

    public MissingSecretException(String field, String variable, String problem) {
        super(field, "environment variable " + variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
