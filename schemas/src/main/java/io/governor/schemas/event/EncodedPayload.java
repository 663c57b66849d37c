package io.governor.schemas.event;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Bytes as JSON can carry them: readable text when they are valid UTF-8, else base64 — so a body or a poison
 * message survives the trip exactly and stays readable whenever it can.
 */
public record EncodedPayload(String text, PayloadEncoding encoding) {
    public EncodedPayload {
        EventChecks.requirePresent("text", text);
        EventChecks.requirePresent("encoding", encoding);
    }

    /** The payload for {@code bytes}, or null for null (a Kafka tombstone, an answer without body). */
    public static EncodedPayload of(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return decodeUtf8(bytes)
                .map(text -> new EncodedPayload(text, PayloadEncoding.UTF8))
                .orElseGet(() -> new EncodedPayload(Base64.getEncoder().encodeToString(bytes), PayloadEncoding.BASE64));
    }

    /** The original bytes. */
    public byte[] bytes() {
        return toBytes(text, encoding);
    }

    /** Bytes of {@code text} written in {@code encoding}; null text gives null, a null encoding means UTF-8. */
    public static byte[] toBytes(String text, PayloadEncoding encoding) {
        if (text == null) {
            return null;
        }
        return encoding == PayloadEncoding.BASE64
                ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code bytes} as text when they are well-formed UTF-8. Strict, unlike {@code new String(bytes, UTF_8)},
     * which silently replaces bad sequences and would lose the original.
     */
    public static Optional<String> decodeUtf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
