package io.governor.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.governor.schemas.json.GovernorJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The --events file: one JSON object a line, the event's fields after a {@code type} field (Permit, ...). */
public final class EventsFile implements RunEvents {
    private final BufferedWriter out;

    public EventsFile(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write events to " + file, e);
        }
    }

    @Override
    public void event(Object event) {
        ObjectNode line = GovernorJson.mapper().createObjectNode();
        line.put("type", event.getClass().getSimpleName());
        JsonNode fields = GovernorJson.mapper().valueToTree(event);
        line.setAll((ObjectNode) fields);
        try {
            out.write(GovernorJson.mapper().writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an event line", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the events file", e);
        }
    }
}
