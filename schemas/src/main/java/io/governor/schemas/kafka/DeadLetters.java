package io.governor.schemas.kafka;

import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.EncodedPayload;
import io.governor.schemas.json.EventDecodingException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds {@link DeadLetter}s from what was received, keeping the original bytes exactly. */
public final class DeadLetters {
    /** DeadLetter refuses longer errors; a stack of causes must not make the dead letter itself invalid. */
    private static final int ERROR_MAX = 4096;

    private DeadLetters() {
    }

    /** A dead letter with a free-form {@code error} sentence and no reason code. */
    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value,
                                String error, long atMs) {
        return build(topic, partition, offset, key, value, error, null, null, atMs);
    }

    /** A dead letter for bytes that failed to decode: reason and field come from the failure. */
    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value,
                                EventDecodingException failure, long atMs) {
        return build(topic, partition, offset, key, value, failure.getMessage(), failure.reason().name(),
                failure.field(), atMs);
    }

    /** A dead letter for a consumed record that failed to decode. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, EventDeserializationException failure,
                                long atMs) {
        return build(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                failure.detail(), failure.reason().name(), failure.field(), atMs);
    }

    private static DeadLetter build(String topic, int partition, long offset, byte[] key, byte[] value,
                                    String error, String reason, String field, long atMs) {
        EncodedPayload k = EncodedPayload.of(key);
        EncodedPayload v = EncodedPayload.of(value);
        String sentence = error == null || error.isBlank() ? "unprocessable record" : error;
        if (sentence.length() > ERROR_MAX) {
            sentence = sentence.substring(0, ERROR_MAX - 1) + "…";
        }
        return new DeadLetter(topic, partition, offset,
                k == null ? null : k.text(), k == null ? null : k.encoding(),
                v == null ? null : v.text(), v == null ? null : v.encoding(),
                sentence, reason, field, atMs);
    }
}
