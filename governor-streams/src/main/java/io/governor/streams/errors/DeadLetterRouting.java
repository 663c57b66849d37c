package io.governor.streams.errors;

import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where Streams' exception handlers send what they cannot process: the DLQ of the configured topic prefix.
 * The handlers are instantiated by Streams from class names, so the prefix travels in the Streams config.
 */
public final class DeadLetterRouting {
    /** Streams config key carrying the contract topic prefix to the exception handlers. */
    public static final String TOPIC_PREFIX_CONFIG = "governor.topic.prefix";

    private final String dlqTopic;

    private DeadLetterRouting(String dlqTopic) {
        this.dlqTopic = dlqTopic;
    }

    static DeadLetterRouting from(Map<String, ?> configs) {
        Object prefix = configs.get(TOPIC_PREFIX_CONFIG);
        GovernorTopics topics = prefix == null ? GovernorTopics.defaults() : new GovernorTopics(prefix.toString());
        return new DeadLetterRouting(topics.dlq());
    }

    /** The record to produce: keyed like the original, so an operator finds it beside its account. */
    ProducerRecord<byte[], byte[]> record(byte[] originalKey, DeadLetter letter) {
        return new ProducerRecord<>(dlqTopic, originalKey, EventSerdes.deadLetter().serialize(dlqTopic, letter));
    }

    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            s.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
            s.append(" (caused by ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                s.append(": ").append(cause.getMessage());
            }
            s.append(')');
        }
        return s.toString();
    }
}
