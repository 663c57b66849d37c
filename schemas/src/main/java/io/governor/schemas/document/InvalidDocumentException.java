package io.governor.schemas.document;

/**
 * A policy or scenario file that breaks the contract. The message is exactly {@code <file>: <path>: <problem>},
 * e.g. {@code policy.yaml: accounts.nsw.limits[1].per: "1dd" is not a duration (use 250ms, 1s, 1m, 1h, 1d)},
 * so a command line can print it as is. {@link #path()} uses dots and {@code [i]}; problems with the whole
 * document use {@code (document)}, syntax errors {@code line L, column C}.
 */
public class InvalidDocumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String path;
    private final String problem;

    public InvalidDocumentException(String file, String path, String problem) {
        super(file + ": " + path + ": " + problem);
        this.file = file;
        this.path = path;
        this.problem = problem;
    }

    public InvalidDocumentException(String file, String path, String problem, Throwable cause) {
        this(file, path, problem);
        initCause(cause);
    }

    /** The file (or source name) the document came from, as the user named it. */
    public String file() {
        return file;
    }

    /** Where in the document: {@code accounts.nsw.limits[1].per}. */
    public String path() {
        return path;
    }

    /** What is wrong, as a sentence fragment naming the bad value. */
    public String problem() {
        return problem;
    }
}
