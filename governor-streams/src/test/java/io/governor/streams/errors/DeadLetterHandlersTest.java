package io.governor.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.kafka.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The safety nets behind the processor's own checks: whatever slips through lands in the DLQ, never a crash. */
class DeadLetterHandlersTest {
    static final Map<String, Object> CONFIG = Map.of(DeadLetterRouting.TOPIC_PREFIX_CONFIG, "acme.");
    static final byte[] KEY = "acct".getBytes(StandardCharsets.UTF_8);
    static final byte[] VALUE = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    record Context(String topic, int partition, long offset) implements ErrorHandlerContext {
        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "governor";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return KEY;
        }

        @Override
        public byte[] sourceRawValue() {
            return VALUE;
        }
    }

    static DeadLetter only(List<ProducerRecord<byte[], byte[]>> records) {
        assertEquals(1, records.size());
        assertEquals("acme.dlq", records.get(0).topic());
        return EventSerdes.deadLetter().deserialize("acme.dlq", records.get(0).value());
    }

    @Test
    void shouldResumeAndDeadLetterAnUnreadableRecord() {
        var handler = new DeadLetterDeserializationHandler();
        handler.configure(CONFIG);
        var record = new ConsumerRecord<>("acme.intents", 2, 41L, KEY, VALUE);
        var response = handler.handleError(new Context("acme.intents", 2, 41), record,
                new IllegalStateException("boom"));
        assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
        DeadLetter letter = only(response.deadLetterQueueRecords());
        assertEquals(41, letter.offset());
        assertEquals("{\"id\":\"x\"}", letter.value());
        assertTrue(letter.error().contains("boom"), letter.error());
    }

    @Test
    void shouldResumeAndDeadLetterARecordWhoseProcessingThrew() {
        var handler = new DeadLetterProcessingHandler();
        handler.configure(CONFIG);
        var response = handler.handleError(new Context("acme.intents", 0, 7), new Record<>("acct", "x", 0L),
                new ArithmeticException("/ by zero"));
        assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
        DeadLetter letter = only(response.deadLetterQueueRecords());
        assertEquals("acme.intents", letter.topic());
        assertTrue(letter.error().contains("processing failed in governor: ArithmeticException: / by zero"),
                letter.error());
    }

    @Test
    void shouldDeadLetterOutputThatCanNeverBeWrittenButFailOnTransientErrors() {
        var handler = new DeadLetterProductionHandler();
        handler.configure(CONFIG);
        var permit = new ProducerRecord<>("acme.permits", KEY, new byte[10]);
        var tooLarge = handler.handleError(new Context("acme.intents", 1, 3), permit,
                new RecordTooLargeException("too big"));
        assertEquals(ProductionExceptionHandler.Result.RESUME, tooLarge.result());
        assertTrue(only(tooLarge.deadLetterQueueRecords()).error().contains("could not write to acme.permits"));

        var transientFailure = handler.handleError(new Context("acme.intents", 1, 3), permit,
                new TimeoutException("broker slow"));
        assertEquals(ProductionExceptionHandler.Result.FAIL, transientFailure.result(),
                "a transient error must not drop a permit: Streams retries the task");
    }
}
