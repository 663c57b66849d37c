package io.governor.schemas.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class EncodedPayloadTest {

    @Property
    void shouldGiveBackTheOriginalBytes(@ForAll byte[] bytes) {
        assertArrayEquals(bytes, EncodedPayload.of(bytes).bytes());
    }

    @Test
    void shouldKeepUtf8AsReadableText() {
        EncodedPayload payload = EncodedPayload.of("olá 日本".getBytes(StandardCharsets.UTF_8));
        assertEquals(new EncodedPayload("olá 日本", PayloadEncoding.UTF8), payload);
    }

    @Test
    void shouldUseBase64ForBytesThatAreNotUtf8() {
        EncodedPayload payload = EncodedPayload.of(new byte[] {(byte) 0xff, 0x00, (byte) 0xc3});
        assertEquals(PayloadEncoding.BASE64, payload.encoding());
        assertEquals("/wDD", payload.text());
    }

    @Test
    void shouldKeepNullAsNull() {
        assertNull(EncodedPayload.of(null));
    }

    @Test
    void shouldCarryABinaryResultBodyExactly() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        Result result = Result.of("i", "a", 200, null, png, false, 1);
        assertEquals(PayloadEncoding.BASE64, result.bodyEncoding());
        assertArrayEquals(png, result.bodyBytes());
    }
}
