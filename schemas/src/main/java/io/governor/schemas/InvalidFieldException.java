package io.governor.schemas;

/**
 * A value that breaks the contract. {@link #field()} is the path of the offending field relative to the
 * object that threw (e.g. {@code limits[1].per}); loaders prefix it with the path of that object.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same problem, seen from an enclosing object at {@code prefix}. */
    public InvalidFieldException under(String prefix) {
        InvalidFieldException moved = new InvalidFieldException(
                field.startsWith("[") ? prefix + field : prefix + "." + field, problem);
        moved.setStackTrace(getStackTrace());
        return moved;
    }
}
