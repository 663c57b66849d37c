package io.governor.schemas.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.governor.schemas.DurationText;
import io.governor.schemas.InvalidFieldException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One value of a policy or scenario document together with its file and path, so that every reader error
 * says exactly where it is. Reading is strict: a string is not a number ({@code "5"}), a fraction is not a
 * whole number ({@code 5.5}), and mappings read with {@link #mapping(Collection)} reject keys they do not
 * know, because a misspelt key ({@code limts}) would otherwise silently switch a limit off.
 *
 * <p>Shared by the policy and scenario loaders; not meant for other use.
 */
public final class DocumentNode {
    /** The path of the document itself. */
    public static final String ROOT = "(document)";
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_\\-/]+");

    private final String file;
    private final String path;
    private final JsonNode json;

    private DocumentNode(String file, String path, JsonNode json) {
        this.file = file;
        this.path = path;
        this.json = json;
    }

    /** The top of a document read from {@code file}. */
    public static DocumentNode root(String file, JsonNode json) {
        return new DocumentNode(file, ROOT, json);
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    /** The raw value, for callers that pass a whole subtree on (e.g. as JSON text). */
    public JsonNode json() {
        return json;
    }

    /** An error about this value. */
    public InvalidDocumentException problem(String problem) {
        return new InvalidDocumentException(file, path, problem);
    }

    /** The path of {@code key} under this mapping: {@code a.b}, or {@code a["x.y"]} for keys that need quoting. */
    public String pathOf(String key) {
        String step = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        if (ROOT.equals(path)) {
            return step.startsWith("[") ? "$" + step : step;
        }
        return step.startsWith("[") ? path + step : path + "." + step;
    }

    /** The value under {@code key}, or null when it is absent or written as null. */
    public DocumentNode get(String key) {
        JsonNode child = requireMapping().get(key);
        return child == null || child.isNull() ? null : new DocumentNode(file, pathOf(key), child);
    }

    /** The value under {@code key}; an error naming the key when absent. */
    public DocumentNode require(String key) {
        DocumentNode child = get(key);
        if (child == null) {
            throw new InvalidDocumentException(file, pathOf(key), "is required");
        }
        return child;
    }

    /** {@code read(get(key))}, or null when the key is absent. */
    public <T> T optional(String key, Function<DocumentNode, T> read) {
        DocumentNode child = get(key);
        return child == null ? null : read.apply(child);
    }

    public boolean isMapping() {
        return json.isObject();
    }

    public boolean isText() {
        return json.isTextual();
    }

    /** The entries of this mapping in document order, whatever their keys. */
    public Map<String, DocumentNode> mapping() {
        Map<String, DocumentNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : requireMapping().properties()) {
            out.put(e.getKey(), new DocumentNode(file, pathOf(e.getKey()), e.getValue()));
        }
        return out;
    }

    /** The entries of this mapping; a key outside {@code allowed} is an error that lists the valid keys. */
    public Map<String, DocumentNode> mapping(Collection<String> allowed) {
        Map<String, DocumentNode> entries = mapping();
        for (String key : entries.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidDocumentException(file, pathOf(key), unknownKey(key, allowed));
            }
        }
        entries.values().removeIf(v -> v.json.isNull());
        return entries;
    }

    public List<DocumentNode> list() {
        if (!json.isArray()) {
            throw problem("must be a list, was " + describe());
        }
        List<DocumentNode> out = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            out.add(new DocumentNode(file, path + "[" + i + "]", json.get(i)));
        }
        return out;
    }

    /** {@code read} applied to each element of this list. */
    public <T> List<T> list(Function<DocumentNode, T> read) {
        return list().stream().map(read).collect(Collectors.toList());
    }

    public String text() {
        if (!json.isTextual()) {
            throw problem("must be a string, was " + describe());
        }
        return json.textValue();
    }

    /** A non-blank string. */
    public String name() {
        String s = text();
        if (s.isBlank()) {
            throw problem("must not be empty");
        }
        return s;
    }

    public double number() {
        if (!json.isNumber()) {
            throw problem("must be a number, was " + describe());
        }
        return json.doubleValue();
    }

    public long wholeNumber() {
        if (!json.isNumber() || !json.canConvertToExactIntegral() || !json.canConvertToLong()) {
            throw problem("must be a whole number, was " + describe());
        }
        return json.longValue();
    }

    public int smallWholeNumber() {
        long n = wholeNumber();
        if (n != (int) n) {
            throw problem("must be a whole number below 2^31, was " + n);
        }
        return (int) n;
    }

    public boolean bool() {
        if (!json.isBoolean()) {
            throw problem("must be true or false, was " + describe());
        }
        return json.booleanValue();
    }

    /** A duration such as {@code 250ms}, {@code 1s}, {@code 2h15m}. */
    public Duration duration() {
        String text = json.isTextual() ? json.textValue() : json.isValueNode() ? json.asText() : describe();
        try {
            return DurationText.parse("", text);
        } catch (InvalidFieldException e) {
            throw problem(e.problem());
        }
    }

    /** A positive duration. */
    public Duration positiveDuration() {
        Duration d = duration();
        if (d.isZero()) {
            throw problem("must be a positive duration, was " + DurationText.format(d));
        }
        return d;
    }

    /** An IANA time zone such as {@code Australia/Sydney}. */
    public ZoneId zone() {
        String id = text();
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw problem("unknown time zone \"" + id + "\" (use an IANA name such as Australia/Sydney, UTC)");
        }
    }

    /** One constant of {@code type}, matched ignoring case; the error lists the valid names as users write them. */
    public <E extends Enum<E>> E oneOf(Class<E> type, boolean upperCase) {
        String s = text();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        String valid = Arrays.stream(type.getEnumConstants())
                .map(e -> upperCase ? e.name() : e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw problem("\"" + s + "\" is not one of " + valid);
    }

    /**
     * Runs a record constructor for this mapping; its {@link InvalidFieldException} (whose field is relative
     * to the record) becomes an error at this path plus that field.
     */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidFieldException e) {
            throw at(e);
        }
    }

    /** {@code e}, whose field is relative to this value, as an error of the document. */
    public InvalidDocumentException at(InvalidFieldException e) {
        String field = e.field();
        String where = field == null || field.isEmpty() ? path
                : ROOT.equals(path) ? field
                : field.startsWith("[") ? path + field : path + "." + field;
        return new InvalidDocumentException(file, where, e.problem(), e);
    }

    /** How the value reads in an error: {@code the string "5"}, {@code 5.5}, {@code a mapping}. */
    public String describe() {
        if (json.isTextual()) {
            return "the string \"" + json.textValue() + "\"";
        }
        if (json.isObject()) {
            return "a mapping";
        }
        if (json.isArray()) {
            return "a list";
        }
        return json.isNull() || json.isMissingNode() ? "null" : json.toString();
    }

    private JsonNode requireMapping() {
        if (!json.isObject()) {
            throw problem("must be a mapping (key: value), was " + describe());
        }
        return json;
    }

    private static String unknownKey(String key, Collection<String> allowed) {
        Set<String> sorted = new TreeSet<>(allowed);
        String near = sorted.stream().filter(k -> distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2)
                .findFirst().map(k -> "did you mean \"" + k + "\"? ").orElse("");
        return "unknown key \"" + key + "\" (" + near + "valid keys: " + String.join(", ", sorted) + ")";
    }

    /** Levenshtein distance, for "did you mean" hints on short keys. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
