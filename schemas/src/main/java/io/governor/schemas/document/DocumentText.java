package io.governor.schemas.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a policy or scenario file into a {@link DocumentNode}: JSON when the name ends in {@code .json} (or,
 * for other names, the text starts with <code>{</code>), YAML otherwise. Duplicate keys are errors, since
 * the second would silently win.
 */
public final class DocumentText {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private DocumentText() {
    }

    /** Reads {@code file}; errors name it as given. */
    public static DocumentNode read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDocumentException(name, DocumentNode.ROOT, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new InvalidDocumentException(name, DocumentNode.ROOT, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidDocumentException(name, DocumentNode.ROOT, "cannot be read: " + e, e);
        }
        return parse(name, text);
    }

    /** Parses {@code text}; {@code sourceName} names it in errors and chooses JSON or YAML by its extension. */
    public static DocumentNode parse(String sourceName, String text) {
        return parse(sourceName, text, text != null && isJson(sourceName, text));
    }

    /** Parses {@code text} as JSON whatever {@code sourceName} says (records from a topic). */
    public static DocumentNode parseJson(String sourceName, String text) {
        return parse(sourceName, text, true);
    }

    private static DocumentNode parse(String sourceName, String text, boolean json) {
        if (text == null || text.isBlank()) {
            throw new InvalidDocumentException(sourceName, DocumentNode.ROOT, "is empty");
        }
        JsonNode tree;
        try {
            tree = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? DocumentNode.ROOT
                    : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidDocumentException(sourceName, where, "not valid " + (json ? "JSON" : "YAML") + ": " + reason, e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidDocumentException(sourceName, DocumentNode.ROOT, "is empty");
        }
        DocumentNode root = DocumentNode.root(sourceName, tree);
        if (!tree.isObject()) {
            throw root.problem("must be a mapping (key: value), was " + root.describe());
        }
        return root;
    }

    private static boolean isJson(String sourceName, String text) {
        String name = sourceName == null ? "" : sourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return false;
        }
        return text.stripLeading().startsWith("{");
    }
}
