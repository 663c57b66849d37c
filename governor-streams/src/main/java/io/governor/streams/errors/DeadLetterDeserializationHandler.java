package io.governor.streams.errors;

import io.governor.schemas.kafka.DeadLetters;
import io.governor.schemas.kafka.EventDeserializationException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be read goes to the DLQ with the typed reason and processing goes on: one bad producer
 * must never stop a governor's stream thread.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private DeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = DeadLetterRouting.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        var letter = exception instanceof EventDeserializationException typed
                ? DeadLetters.of(record, typed, System.currentTimeMillis())
                : DeadLetters.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                        DeadLetterRouting.describe(exception), System.currentTimeMillis());
        log.warn("Unreadable record {}-{}@{} sent to the DLQ: {}", record.topic(), record.partition(),
                record.offset(), letter.error());
        return Response.resume(List.of(routing.record(record.key(), letter)));
    }
}
