package io.governor.executor.kafka;

import io.governor.executor.call.CallExecutor;
import io.governor.executor.call.PermittedCall;
import io.governor.schemas.event.Permit;
import io.governor.schemas.kafka.EventDeserializationException;
import io.governor.schemas.kafka.EventSerde;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: takes permits from {@code governor.permits} in a consumer group, starts their calls, and
 * publishes each report. At most {@code maxInFlight} permits are taken and not yet reported: beyond that the
 * partitions are paused (the loop keeps polling, so the group does not think it dead). Offsets are committed as
 * {@link DeliveryMode} says. {@link #stop()} makes {@link #run()} stop taking permits, wait up to {@code grace}
 * for calls in progress, abandon the rest (reported as {@code IO}), publish every report and return.
 *
 * <p>The consumer is touched by the loop thread only; call completions reach it through a queue.
 */
public final class PermitConsumer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PermitConsumer.class);
    private static final Duration POLL = Duration.ofMillis(50);
    /** After the grace, abandoned calls still need their reports written: this long at most. */
    private static final Duration PUBLISH_AFTER_GRACE = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final OutcomePublisher publisher;
    private final CallExecutor calls;
    private final GovernorTopics topics;
    private final DeliveryMode mode;
    private final int maxInFlight;
    private final Duration grace;
    private final Clock clock;
    private final EventSerde<Permit> permits = EventSerdes.permit();
    private final OffsetLedger ledger = new OffsetLedger();
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Set<PermittedCall> live = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private int inFlight;

    private record Finished(TopicPartition partition, long offset) {
    }

    public PermitConsumer(Consumer<byte[], byte[]> consumer, org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer,
                          CallExecutor calls, GovernorTopics topics, DeliveryMode mode, int maxInFlight,
                          Duration grace, Clock clock) {
        this.consumer = consumer;
        this.publisher = new OutcomePublisher(producer, topics);
        this.calls = calls;
        this.topics = topics;
        this.mode = mode;
        this.maxInFlight = maxInFlight;
        this.grace = grace;
        this.clock = clock;
    }

    /** Consumes until {@link #stop()}, then drains; closes nothing (the caller owns the clients). */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.permits()), new Rebalance());
            while (!stopping) {
                step();
            }
            drain();
        } finally {
            stopped.countDown();
        }
    }

    /** Asks the loop to stop; returns at once. Safe from any thread, e.g. a SIGTERM hook. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Waits until {@link #run()} has returned. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Permits taken and not yet reported (as the loop last saw). */
    public int inFlight() {
        return inFlight;
    }

    private void step() {
        applyFinished();
        commitFinished();
        Set<TopicPartition> assigned = consumer.assignment();
        if (inFlight >= maxInFlight) {
            consumer.pause(assigned);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL);
        } catch (WakeupException e) {
            return; // stop() woke us; the loop condition decides
        }
        if (!records.isEmpty()) {
            take(records);
        }
    }

    private void take(ConsumerRecords<byte[], byte[]> records) {
        if (mode == DeliveryMode.AT_MOST_ONCE) {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
                next.put(tp, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
            }
            try {
                consumer.commitSync(next);
            } catch (WakeupException e) {
                stopping = true; // woken inside the commit: retry it once, uninterruptibly this time
                if (!commitQuietly(next)) {
                    return;
                }
            } catch (KafkaException e) {
                // Not committed, so not ours to call: whoever owns these partitions now will take them.
                log.warn("could not commit {} permits before calling them, leaving them to the group: {}",
                        records.count(), e.toString());
                return;
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            start(record);
        }
    }

    private boolean commitQuietly(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            return true;
        } catch (KafkaException e) {
            log.warn("could not commit permits before calling them, leaving them to the group: {}", e.toString());
            return false;
        }
    }

    private void start(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        long offset = record.offset();
        ledger.taken(tp, offset);
        inFlight++;
        Permit permit;
        try {
            permit = permits.deserialize(record.topic(), record.value());
        } catch (EventDeserializationException e) {
            log.warn("unreadable permit at {}-{}@{} sent to the DLQ: {}", record.topic(), record.partition(), offset,
                    e.detail());
            publisher.deadLetter(record, e, clock.millis())
                    .whenComplete((v, failure) -> finished(tp, offset, failure));
            return;
        }
        if (permit == null) {
            finished.add(new Finished(tp, offset)); // a tombstone is nothing to call
            return;
        }
        PermittedCall call = calls.start(permit);
        live.add(call);
        call.report()
                .thenCompose(publisher::publish)
                .whenComplete((v, failure) -> {
                    live.remove(call);
                    finished(tp, offset, failure);
                });
    }

    private void finished(TopicPartition tp, long offset, Throwable publishFailure) {
        if (publishFailure != null) {
            // Counted as done all the same: holding the offset back would stall the partition for good.
            log.error("could not publish the report of {}-{}@{}: {}", tp.topic(), tp.partition(), offset,
                    publishFailure.toString());
        }
        finished.add(new Finished(tp, offset));
    }

    private void applyFinished() {
        Finished f;
        while ((f = finished.poll()) != null) {
            ledger.done(f.partition(), f.offset());
            inFlight--;
        }
    }

    private void commitFinished() {
        if (mode == DeliveryMode.AT_LEAST_ONCE) {
            Map<TopicPartition, OffsetAndMetadata> offsets = ledger.committable(null);
            if (!offsets.isEmpty()) {
                consumer.commitAsync(offsets, (done, failure) -> {
                    if (failure == null) {
                        ledger.committed(done);
                    }
                });
            }
        }
    }

    private void commitFinishedSync(Collection<TopicPartition> only) {
        if (mode == DeliveryMode.AT_LEAST_ONCE) {
            Map<TopicPartition, OffsetAndMetadata> offsets = ledger.committable(only);
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets);
                    ledger.committed(offsets);
                } catch (KafkaException e) {
                    log.warn("could not commit finished permits (they may be called again): {}", e.toString());
                }
            }
        }
    }

    private void drain() {
        consumer.pause(consumer.assignment());
        long graceEnd = System.nanoTime() + grace.toNanos();
        log.info("stopping: {} permits in flight, waiting up to {} for them", inFlight, grace);
        waitForInFlight(graceEnd);
        if (inFlight > 0) {
            log.warn("grace of {} over: abandoning {} calls", grace, live.size());
            for (PermittedCall call : List.copyOf(live)) {
                call.abort("executor stopping, grace of " + grace + " over");
            }
            waitForInFlight(System.nanoTime() + PUBLISH_AFTER_GRACE.toNanos());
        }
        commitFinishedSync(null);
        log.info("stopped with {} permits unreported", inFlight);
    }

    private void waitForInFlight(long untilNanos) {
        while (true) {
            applyFinished();
            if (inFlight <= 0 || System.nanoTime() - untilNanos >= 0) {
                return;
            }
            try {
                // Paused: returns nothing, but keeps the membership (and with it the right to commit) alive.
                ConsumerRecords<byte[], byte[]> ignored = consumer.poll(POLL);
                if (!ignored.isEmpty()) {
                    log.debug("ignoring {} permits polled while stopping (not committed)", ignored.count());
                }
            } catch (WakeupException e) {
                // stop() called twice
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            applyFinished();
            commitFinishedSync(revoked);
            ledger.forget(revoked);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (stopping) {
                consumer.pause(new HashSet<>(assigned));
            }
        }
    }
}
