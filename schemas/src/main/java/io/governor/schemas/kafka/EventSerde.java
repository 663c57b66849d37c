package io.governor.schemas.kafka;

import io.governor.schemas.json.EventDecodingException;
import io.governor.schemas.json.GovernorJson;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for one event type, through {@link GovernorJson}. Null stays null both ways (Kafka tombstones);
 * bad bytes throw {@link EventDeserializationException}. Stateless and thread-safe: one instance may serve as
 * serializer, deserializer and serde at once.
 */
public final class EventSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;

    public EventSerde(Class<T> type) {
        this.type = type;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : GovernorJson.toBytes(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return GovernorJson.decode(data, type);
        } catch (EventDecodingException e) {
            throw new EventDeserializationException(topic, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the JSON settings are the contract's, not the client's.
    }

    @Override
    public void close() {
        // Nothing to release; declared because Serde, Serializer and Deserializer each provide a default.
    }

    @Override
    public String toString() {
        return "EventSerde[" + type.getSimpleName() + "]";
    }
}
