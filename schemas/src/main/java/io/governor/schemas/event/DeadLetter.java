package io.governor.schemas.event;

/**
 * A record that could not be processed, kept with its origin so an operator can inspect and replay it.
 * {@code key} and {@code value} are the bytes as received, as text in {@code keyEncoding}/{@code valueEncoding}
 * ({@code utf8}, or {@code base64} when not valid UTF-8); null for a null key or value. {@code error} is a sentence
 * for humans; {@code reason} a stable code (e.g. {@code MISSING_FIELD}) and {@code field} the JSON path at fault,
 * each null when not known.
 */
public record DeadLetter(
        @Required String topic,
        @Required int partition,
        @Required long offset,
        String key,
        PayloadEncoding keyEncoding,
        String value,
        PayloadEncoding valueEncoding,
        @Required String error,
        String reason,
        String field,
        @Required long at) {

    public DeadLetter {
        EventChecks.requireText("topic", topic, 249);
        EventChecks.requireAtLeast("partition", partition, 0);
        EventChecks.requireAtLeast("offset", offset, 0);
        keyEncoding = key == null ? null : keyEncoding == null ? PayloadEncoding.UTF8 : keyEncoding;
        valueEncoding = value == null ? null : valueEncoding == null ? PayloadEncoding.UTF8 : valueEncoding;
        EventChecks.requireText("error", error, 65_536);
        EventChecks.requireAtLeast("at", at, 0);
    }

    /** The original key bytes, or null. */
    public byte[] keyBytes() {
        return EncodedPayload.toBytes(key, keyEncoding);
    }

    /** The original value bytes, or null. */
    public byte[] valueBytes() {
        return EncodedPayload.toBytes(value, valueEncoding);
    }
}
