package io.governor.executor.kafka;

import io.governor.executor.call.CallReport;
import io.governor.schemas.kafka.DeadLetters;
import io.governor.schemas.kafka.EventDeserializationException;
import io.governor.schemas.kafka.EventSerde;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Result;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes reports to {@code outcomes} and {@code results}, and unreadable permits to the DLQ, keyed by account. */
final class OutcomePublisher {
    private final Producer<byte[], byte[]> producer;
    private final GovernorTopics topics;
    private final EventSerde<Outcome> outcomes = EventSerdes.outcome();
    private final EventSerde<Result> results = EventSerdes.result();
    private final EventSerde<DeadLetter> deadLetters = EventSerdes.deadLetter();

    OutcomePublisher(Producer<byte[], byte[]> producer, GovernorTopics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** Completes when the broker has both the Result and the Outcome. */
    CompletableFuture<Void> publish(CallReport report) {
        byte[] key = report.outcome().account().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Result first: a producer that waits on the outcome may then read its answer straight away.
        CompletableFuture<Void> result = send(new ProducerRecord<>(topics.results(), key,
                results.serialize(topics.results(), report.result())));
        CompletableFuture<Void> outcome = send(new ProducerRecord<>(topics.outcomes(), key,
                outcomes.serialize(topics.outcomes(), report.outcome())));
        return CompletableFuture.allOf(result, outcome);
    }

    CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, EventDeserializationException failure,
                                       long atMs) {
        DeadLetter letter = DeadLetters.of(record, failure, atMs);
        return send(new ProducerRecord<>(topics.dlq(), record.key(), deadLetters.serialize(topics.dlq(), letter)));
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(failure);
            }
        });
        return acked;
    }
}
