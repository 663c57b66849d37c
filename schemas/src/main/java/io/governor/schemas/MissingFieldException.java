package io.governor.schemas;

/** A required field is absent or null. A subclass, so decoders can tell "missing" from "present but invalid". */
public class MissingFieldException extends InvalidFieldException {
    public MissingFieldException(String field) {
        super(field, "is required");
    }

    @Override
    public MissingFieldException under(String prefix) {
        MissingFieldException moved = new MissingFieldException(
                field().startsWith("[") ? prefix + field() : prefix + "." + field());
        moved.setStackTrace(getStackTrace());
        return moved;
    }
}
