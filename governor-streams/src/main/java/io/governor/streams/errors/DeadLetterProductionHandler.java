package io.governor.streams.errors;

import io.governor.schemas.kafka.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output that can never be written (too large, a {@code replyTo} topic that does not exist or is not a legal
 * name, a value that does not serialize) goes to the DLQ with the input that caused it; transient broker
 * errors still fail the task so Streams retries them rather than dropping a permit.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    private DeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = DeadLetterRouting.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        boolean permanent = exception instanceof RecordTooLargeException
                || exception instanceof InvalidTopicException
                || exception instanceof UnknownTopicOrPartitionException;
        if (!permanent) {
            return Response.fail();
        }
        return deadLetter(context, "could not write to " + record.topic() + ": "
                + DeadLetterRouting.describe(exception), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return deadLetter(context, "could not serialize the " + origin.name().toLowerCase()
                + " for " + record.topic() + ": " + DeadLetterRouting.describe(exception), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String error, Exception exception) {
        byte[] key = context.sourceRawKey();
        var letter = DeadLetters.of(context.topic(), context.partition(), context.offset(), key,
                context.sourceRawValue(), error, System.currentTimeMillis());
        log.error("Output for {}-{}@{} dropped to the DLQ: {}", context.topic(), context.partition(),
                context.offset(), error, exception);
        return Response.resume(List.of(routing.record(key, letter)));
    }
}
