package io.governor.executor.http;

import io.governor.schemas.event.EncodedPayload;
import io.governor.schemas.event.PayloadEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how a body travels in a Result: as text ({@code utf8}) when its {@code Content-Type} says text
 * ({@code text/*}, JSON, XML, form data, JavaScript, or any type with a {@code charset}), else as base64. Text is
 * decoded strictly with its declared charset (UTF-8 by default); if it does not decode, it goes as base64 so no
 * byte is lost. A body cut at the cap may end inside a multi-byte character: those trailing bytes are dropped.
 * Without a content type, valid UTF-8 is text and anything else base64. An empty body is no body (null).
 */
public final class BodyText {
    private BodyText() {
    }

    public static EncodedPayload encode(byte[] bytes, String contentType, boolean truncated) {
        if (bytes == null || bytes.length == 0) {
            return null; // no body: the Result says so with a null body
        }
        if (contentType == null || contentType.isBlank()) {
            return EncodedPayload.of(bytes);
        }
        Optional<Charset> charset = textCharset(contentType);
        if (charset.isEmpty()) {
            return new EncodedPayload(Base64.getEncoder().encodeToString(bytes), PayloadEncoding.BASE64);
        }
        int usable = bytes.length;
        int maxDrop = truncated ? 3 : 0; // the longest partial character in the charsets we expect
        for (int drop = 0; drop <= maxDrop && usable - drop >= 0; drop++) {
            Optional<String> text = decode(bytes, usable - drop, charset.get());
            if (text.isPresent()) {
                return new EncodedPayload(text.get(), PayloadEncoding.UTF8);
            }
        }
        return new EncodedPayload(Base64.getEncoder().encodeToString(bytes), PayloadEncoding.BASE64);
    }

    /** The charset to read a body of {@code contentType} with, or empty when it is not text. */
    static Optional<Charset> textCharset(String contentType) {
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).trim().replace("\"", "");
                try {
                    return Optional.of(Charset.forName(name));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return Optional.empty();
                }
            }
        }
        boolean text = type.startsWith("text/")
                || type.endsWith("/json") || type.endsWith("+json")
                || type.endsWith("/xml") || type.endsWith("+xml")
                || type.equals("application/javascript") || type.equals("application/ecmascript")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/x-ndjson") || type.equals("application/yaml");
        return text ? Optional.of(StandardCharsets.UTF_8) : Optional.empty();
    }

    private static Optional<String> decode(byte[] bytes, int length, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
