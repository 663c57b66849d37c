package io.governor.simulator.live;

import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.kafka.EventSerde;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.simulator.Simulation;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.RunEvents;
import io.governor.simulator.report.RunTally;
import io.governor.simulator.upstream.Answer;
import io.governor.simulator.upstream.HttpUpstream;
import io.governor.simulator.upstream.UpstreamTruth;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Governor's side of a live run, in real time: each intent is produced to the intents topic at its
 * {@code createdAt} with its URL pointing at the simulated upstream's HTTP face; Permits, Deferrals, Rejections
 * and Outcomes are read back from their topics (read_committed) into the same {@link RunTally} virtual mode uses.
 * The calls themselves are counted where the truth answers them (the HTTP face), which alone knows whether a call
 * was a violation. The run ends when every offered intent is decided and every permit has its outcome, once the
 * scenario's time is over, or at the drain limit.
 */
public final class LiveRun implements Simulation.GovernorSide {
    private static final EventSerde<Permit> PERMITS = EventSerdes.permit();
    private static final EventSerde<Deferral> DEFERRALS = EventSerdes.deferral();
    private static final EventSerde<Rejection> REJECTIONS = EventSerdes.rejection();
    private static final EventSerde<Outcome> OUTCOMES = EventSerdes.outcome();

    private final LiveStack stack;
    private final long endMs;
    private final Duration drainLimit;
    private final LiveProgress progress;
    private final Object lock = new Object();
    private final Set<String> deferred = new HashSet<>();
    private final Map<OutcomeError, Long> notCalled = new EnumMap<>(OutcomeError.class);
    private final PrintStream out;
    private long offered;
    /** Intents decided by a permit, by a rejection; permits of every attempt. */
    private long permitted;
    private long rejected;
    private long permits;
    private long rateLimited;
    private long outcomes;
    private long lastEvent;

    /** {@code startMs}/{@code endMs}: the (shifted) scenario's real start and end. */
    public LiveRun(LiveStack stack, long startMs, long endMs, Duration drainLimit, PrintStream progressOut,
                   boolean terminal) {
        this.stack = stack;
        this.endMs = endMs;
        this.drainLimit = drainLimit;
        this.progress = new LiveProgress(progressOut, terminal, startMs, endMs - startMs);
        this.out = progressOut;
        this.lastEvent = startMs;
    }

    @Override
    public long run(List<Intent> intents, UpstreamTruth truth, RunTally tally, RunEvents events, Progress ignored) {
        HttpUpstream upstream = stack.upstream();
        upstream.serve(truth, (account, lane, answer) -> called(tally, account, lane, answer));
        GovernorTopics topics = stack.topics();
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), EventSerdes.intent());
             var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.permits(), topics.deferred(), topics.rejected(), topics.outcomes())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            long hardStop = endMs + drainLimit.toMillis();
            int next = 0;
            while (true) {
                long now = System.currentTimeMillis();
                while (next < intents.size() && intents.get(next).createdAt() <= now) {
                    Intent intent = pointedAt(intents.get(next++), upstream);
                    synchronized (lock) {
                        tally.offered(intent);
                        offered++;
                    }
                    producer.send(new ProducerRecord<>(topics.intents(), intent.account(), intent));
                }
                producer.flush();
                long untilNext = next < intents.size() ? intents.get(next).createdAt() - now : 100;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(Math.max(1,
                        Math.min(100, untilNext))))) {
                    collect(r, topics, tally, events);
                }
                now = System.currentTimeMillis();
                progress.update(now, counts());
                if (next == intents.size() && now >= endMs && settled()) {
                    break;
                }
                if (now >= hardStop) {
                    break;
                }
            }
        }
        progress.finish(System.currentTimeMillis(), counts());
        synchronized (lock) {
            if (!notCalled.isEmpty() && out != null) {
                // Calls the executor could not make or finish are the live run's noise: say which.
                out.println("live: executor outcomes with an error: " + notCalled);
            }
            if (!settled() && out != null) {
                out.println("live: stopped at the drain limit with " + (offered - permitted - rejected)
                        + " intents undecided and " + (permits - outcomes) + " permits unreported");
            }
            return lastEvent;
        }
    }

    /** The intent with its request's URL on the upstream (method, headers and body kept). */
    static Intent pointedAt(Intent i, HttpUpstream upstream) {
        HttpRequest own = i.request();
        HttpRequest request = new HttpRequest(own == null ? "GET" : own.method(), upstream.urlFor(i.account(), i.id()),
                own == null ? Map.of() : own.headers(), own == null ? null : own.body());
        return new Intent(i.id(), i.account(), i.tenant(), i.lane(), i.priority(), i.cost(), i.job(), i.notBefore(),
                i.deadline(), i.maxAttempts(), i.fallbacks(), i.replyTo(), request, i.attributes(), i.createdAt());
    }

    /**
     * A call the truth answered, charted at its arrival: the listener runs right after the truth stamped it, on the
     * same wall clock the scenario's start was moved to. Which intent it served is not known here (null).
     */
    private void called(RunTally tally, String account, String lane, Answer answer) {
        long at = System.currentTimeMillis();
        synchronized (lock) {
            tally.called(null, account, lane, at, answer);
            if (answer.status() == Answer.TOO_MANY_REQUESTS) {
                rateLimited++;
            }
        }
    }

    /** One event of the governor's or the executor's topics into the tally (warm-up events left out). */
    void collect(ConsumerRecord<byte[], byte[]> r, GovernorTopics topics, RunTally tally, RunEvents events) {
        String topic = r.topic();
        if (LiveStack.WARM_UP_ACCOUNT.equals(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))) {
            return;
        }
        synchronized (lock) {
            if (topic.equals(topics.permits())) {
                Permit p = PERMITS.deserialize(topic, r.value());
                // By intent: a retry's permit is not a second decision (nor counted as one for settling).
                long decided = tally.decisions();
                tally.permitted(p);
                permitted += tally.decisions() - decided;
                permits++;
                lastEvent = Math.max(lastEvent, p.permittedAt());
                events.permit(p);
            } else if (topic.equals(topics.deferred())) {
                Deferral d = DEFERRALS.deserialize(topic, r.value());
                deferred.add(d.intentId());
                events.deferral(d);
            } else if (topic.equals(topics.rejected())) {
                Rejection x = REJECTIONS.deserialize(topic, r.value());
                // By intent: the final rejection of a permitted intent whose call failed is not a second decision.
                long decided = tally.decisions();
                tally.rejected(x);
                rejected += tally.decisions() - decided;
                lastEvent = Math.max(lastEvent, x.at());
                events.rejection(x);
            } else {
                Outcome o = OUTCOMES.deserialize(topic, r.value());
                outcomes++;
                if (o.error() != null) {
                    notCalled.merge(o.error(), 1L, Long::sum);
                }
                lastEvent = Math.max(lastEvent, o.finishedAt());
                events.outcome(o);
            }
        }
    }

    /** Every offered intent decided and every permit reported. */
    private boolean settled() {
        synchronized (lock) {
            return permitted + rejected >= offered && outcomes >= permits;
        }
    }

    private LiveProgress.Counts counts() {
        synchronized (lock) {
            return new LiveProgress.Counts(offered, permitted, deferred.size(), rejected, rateLimited);
        }
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
