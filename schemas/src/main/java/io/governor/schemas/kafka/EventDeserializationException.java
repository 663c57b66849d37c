package io.governor.schemas.kafka;

import io.governor.schemas.json.EventDecodingException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value (or key) that is not a valid event, as Kafka sees it: a {@link SerializationException}, so
 * consumers and Streams' deserialization handlers treat it as a poison record. {@link #reason()} and
 * {@link #field()} come from the underlying {@link EventDecodingException}.
 */
public class EventDeserializationException extends SerializationException {
    private final String topic;
    private final EventDecodingException decoding;

    public EventDeserializationException(String topic, EventDecodingException decoding) {
        super((topic == null ? "" : "record from " + topic + ": ") + decoding.getMessage(), decoding);
        this.topic = topic;
        this.decoding = decoding;
    }

    public EventDecodingException.Reason reason() {
        return decoding.reason();
    }

    /** JSON path of the offending field, or null. */
    public String field() {
        return decoding.field();
    }

    /** The topic the bytes came from, or null when unknown. */
    public String topic() {
        return topic;
    }

    /** The sentence for humans, without the topic (the dead letter records the topic apart). */
    public String detail() {
        return decoding.getMessage();
    }
}
