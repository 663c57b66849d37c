package io.governor.schemas.event;

import java.util.Map;

/**
 * The answer of an executed call, for the producer that asked. {@code body} is text in {@code bodyEncoding}
 * ({@code utf8}, or {@code base64} for binary); both null when there was no body. {@code truncated} is true when
 * the executor cut the body to its size cap.
 */
public record Result(
        @Required String intentId,
        @Required String account,
        @Required int status,
        Map<String, String> headers,
        String body,
        PayloadEncoding bodyEncoding,
        boolean truncated,
        @Required long finishedAt) {

    public Result {
        EventChecks.requireText("intentId", intentId, EventChecks.ID_MAX);
        EventChecks.requireText("account", account, EventChecks.NAME_MAX);
        EventChecks.requireBetween("status", status, 0, 999);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        bodyEncoding = body == null ? null : bodyEncoding == null ? PayloadEncoding.UTF8 : bodyEncoding;
        EventChecks.requireAtLeast("finishedAt", finishedAt, 0);
    }

    /** A result whose body is given as raw bytes (null for none): text when UTF-8, else base64. */
    public static Result of(String intentId, String account, int status, Map<String, String> headers,
                            byte[] body, boolean truncated, long finishedAt) {
        EncodedPayload payload = EncodedPayload.of(body);
        return new Result(intentId, account, status, headers,
                payload == null ? null : payload.text(), payload == null ? null : payload.encoding(),
                truncated, finishedAt);
    }

    /** The body's original bytes, or null when there was none. */
    public byte[] bodyBytes() {
        return EncodedPayload.toBytes(body, bodyEncoding);
    }
}
