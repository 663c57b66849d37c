package io.governor.executor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.governor.schemas.event.EncodedPayload;
import io.governor.schemas.event.PayloadEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BodyTextTest {

    @Test
    void shouldCarryTextTypesAsUtf8() {
        for (String type : new String[] {"text/html", "application/json", "application/problem+json",
                "application/xml", "application/atom+xml", "application/octet-stream; charset=utf-8"}) {
            EncodedPayload p = BodyText.encode("héllo".getBytes(StandardCharsets.UTF_8), type, false);
            assertEquals(new EncodedPayload("héllo", PayloadEncoding.UTF8), p, type);
        }
    }

    @Test
    void shouldDecodeTheDeclaredCharset() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("café", BodyText.encode(latin1, "text/plain; charset=ISO-8859-1", false).text());
    }

    @Test
    void shouldCarryBinaryTypesAsBase64() {
        byte[] bytes = "plain ascii".getBytes(StandardCharsets.US_ASCII);
        EncodedPayload p = BodyText.encode(bytes, "image/png", false);
        assertEquals(PayloadEncoding.BASE64, p.encoding());
        assertEquals(Base64.getEncoder().encodeToString(bytes), p.text());
    }

    @Test
    void shouldFallBackToBase64WhenTextDoesNotDecode() {
        byte[] bad = {'{', (byte) 0xff, '}'};
        assertEquals(PayloadEncoding.BASE64, BodyText.encode(bad, "application/json", false).encoding());
    }

    @Test
    void shouldDropAPartialCharacterAtTheCut() {
        byte[] full = "aé".getBytes(StandardCharsets.UTF_8); // 'é' is two bytes
        byte[] cut = Arrays.copyOf(full, 2);
        EncodedPayload p = BodyText.encode(cut, "text/plain", true);
        assertEquals(new EncodedPayload("a", PayloadEncoding.UTF8), p);
    }

    @Test
    void shouldSniffUtf8WithoutAContentTypeAndTreatEmptyAsNoBody() {
        assertEquals(PayloadEncoding.UTF8, BodyText.encode("ok".getBytes(StandardCharsets.UTF_8), null, false).encoding());
        assertEquals(PayloadEncoding.BASE64, BodyText.encode(new byte[] {(byte) 0xc3}, null, false).encoding());
        assertNull(BodyText.encode(new byte[0], "text/plain", false));
        assertNull(BodyText.encode(null, "text/plain", false));
    }
}
