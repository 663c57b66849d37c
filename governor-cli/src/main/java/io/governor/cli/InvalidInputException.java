package io.governor.cli;

/**
 * An input the user named cannot be used: a missing or unreadable file. Exit code 2, like a document that fails
 * to load; the message names the file and the reason, and is printed as is.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
