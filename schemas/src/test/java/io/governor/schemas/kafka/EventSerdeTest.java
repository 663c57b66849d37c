package io.governor.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.governor.schemas.event.EventArbitraries;
import io.governor.schemas.event.Intent;
import io.governor.schemas.json.EventDecodingException.Reason;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    @Provide
    Arbitrary<Record> events() {
        return EventArbitraries.anyEvent();
    }

    @Property(tries = 200)
    void shouldRoundTripEveryEvent(@ForAll("events") Record event) {
        roundTrip(event);
    }

    private static <T> void roundTrip(T event) {
        @SuppressWarnings("unchecked") // getClass() of a T is a Class<? extends T>; the serde needs it as Class<T>
        EventSerde<T> serde = EventSerdes.of((Class<T>) event.getClass());
        byte[] bytes = serde.serializer().serialize("t", event);
        assertEquals(event, serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void shouldKeepTombstonesNull() {
        assertNull(EventSerdes.intent().serialize("t", null));
        assertNull(EventSerdes.intent().deserialize("t", null));
    }

    @Test
    void shouldThrowATypedSerializationExceptionForBadBytes() {
        byte[] missingAccount = "{\"id\":\"i-1\"}".getBytes(StandardCharsets.UTF_8);
        EventDeserializationException e = assertThrows(EventDeserializationException.class,
                () -> EventSerdes.intent().deserialize("governor.intents", missingAccount));
        assertEquals(Reason.MISSING_FIELD, e.reason());
        assertEquals("account", e.field());
        assertEquals("governor.intents", e.topic());
        assertEquals(SerializationException.class, e.getClass().getSuperclass());
    }

    @Test
    void shouldReportNotUtf8() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, '{', '}'};
        EventDeserializationException e = assertThrows(EventDeserializationException.class,
                () -> EventSerdes.permit().deserialize("governor.permits", binary));
        assertEquals(Reason.NOT_UTF8, e.reason());
    }

    @Test
    void shouldReportEmptyValue() {
        assertEquals(Reason.EMPTY, assertThrows(EventDeserializationException.class,
                () -> EventSerdes.outcome().deserialize("t", new byte[0])).reason());
    }

    @Test
    void shouldBeItsOwnSerializerAndDeserializer() {
        EventSerde<Intent> serde = EventSerdes.intent();
        assertEquals(serde, serde.serializer());
        assertEquals(serde, serde.deserializer());
        assertEquals(Intent.class, serde.type());
    }
}
