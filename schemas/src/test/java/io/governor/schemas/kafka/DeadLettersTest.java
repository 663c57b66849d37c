package io.governor.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.PayloadEncoding;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void shouldKeepUtf8ValueAsText() {
        DeadLetter letter = DeadLetters.of("governor.intents", 2, 41, "pncp".getBytes(StandardCharsets.UTF_8),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "bad", 1000);
        assertEquals("{\"id\":1}", letter.value());
        assertEquals(PayloadEncoding.UTF8, letter.valueEncoding());
        assertEquals("pncp", letter.key());
        assertNull(letter.reason());
    }

    @Test
    void shouldBase64BinaryValueAndKeepItExact() {
        byte[] binary = {(byte) 0xff, 0x01, (byte) 0x80};
        DeadLetter letter = DeadLetters.of("governor.intents", 0, 7, null, binary, "bad", 1000);
        assertEquals(PayloadEncoding.BASE64, letter.valueEncoding());
        assertEquals("/wGA", letter.value());
        assertArrayEquals(binary, letter.valueBytes());
        assertNull(letter.key());
        assertNull(letter.keyEncoding());
    }

    @Test
    void shouldCarryReasonAndFieldOfADecodingFailure() {
        byte[] value = "{\"id\":\"i-1\",\"account\":\"a\",\"cost\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        var record = new ConsumerRecord<>("governor.intents", 3, 99L, "a".getBytes(StandardCharsets.UTF_8), value);
        EventDeserializationException failure = assertThrows(EventDeserializationException.class,
                () -> EventSerdes.intent().deserialize(record.topic(), record.value()));
        DeadLetter letter = DeadLetters.of(record, failure, 5000);
        assertEquals("WRONG_TYPE", letter.reason());
        assertEquals("cost", letter.field());
        assertEquals(3, letter.partition());
        assertEquals(99L, letter.offset());
        assertTrue(letter.error().contains("cost"), letter.error());
        assertEquals(letter, EventSerdes.deadLetter().deserialize("governor.dlq",
                EventSerdes.deadLetter().serialize("governor.dlq", letter)));
    }

    @Test
    void shouldShortenVeryLongErrorsInsteadOfFailing() {
        DeadLetter letter = DeadLetters.of("t", 0, 0, null, null, "x".repeat(100_000), 1);
        assertEquals(4096, letter.error().length());
    }
}
