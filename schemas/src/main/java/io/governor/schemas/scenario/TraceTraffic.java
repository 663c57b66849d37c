package io.governor.schemas.scenario;

import io.governor.schemas.InvalidFieldException;
import java.nio.file.Path;

/**
 * Recorded intents replayed: a JSONL file, one Intent a line, whose {@code createdAt} is the offset in
 * milliseconds from the scenario's start. {@code file} is resolved against the scenario file's folder.
 */
public record TraceTraffic(Path file) implements TrafficSpec {
    public TraceTraffic {
        if (file == null) {
            throw new InvalidFieldException("trace", "is required");
        }
    }
}
