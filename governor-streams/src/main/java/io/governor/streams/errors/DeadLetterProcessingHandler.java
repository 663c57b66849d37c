package io.governor.streams.errors;

import io.governor.schemas.kafka.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: a record whose processing throws (a bug, an absurd value no check foresaw) goes to
 * the DLQ as it was received, with the exception, and the thread goes on with the next record.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = DeadLetterRouting.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        var letter = DeadLetters.of(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), "processing failed in " + context.processorNodeId() + ": "
                        + DeadLetterRouting.describe(exception), System.currentTimeMillis());
        log.error("Processing of {}-{}@{} failed; record sent to the DLQ", context.topic(), context.partition(),
                context.offset(), exception);
        return Response.resume(List.of(routing.record(context.sourceRawKey(), letter)));
    }
}
