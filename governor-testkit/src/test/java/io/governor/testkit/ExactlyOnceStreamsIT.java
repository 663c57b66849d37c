package io.governor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The broker supports what the governor relies on: transactions, exactly_once_v2 and read_committed readers. */
@ExtendWith(SharedKafkaBroker.class)
class ExactlyOnceStreamsIT {
    private static final int RECORDS = 10_000;

    @Test
    void shouldTransformEveryRecordExactlyOnceUnderExactlyOnceV2(KafkaFixture kafka, @TempDir Path stateDir) {
        String input = kafka.topic("in");
        String output = kafka.topic("out");
        kafka.createTopics(3, input, output);
        List<KafkaFixture.KeyValue> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            records.add(new KafkaFixture.KeyValue("key-" + (i % 97), "value-" + i));
        }
        kafka.produce(input, records);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(kafka, stateDir))) {
            streams.start();
            kafka.consumeUntil(output, RECORDS, Duration.ofSeconds(90));
        }

        List<ConsumerRecord<String, String>> written = kafka.readAll(output, Duration.ofSeconds(30));
        Set<String> expected = IntStream.range(0, RECORDS).mapToObj(i -> "VALUE-" + i).collect(Collectors.toSet());
        assertEquals(RECORDS, written.size(), "records on " + output + ", duplicates included");
        assertEquals(expected, written.stream().map(ConsumerRecord::value).collect(Collectors.toSet()));
    }

    private static Properties streamsConfig(KafkaFixture kafka, Path stateDir) {
        Properties config = new Properties();
        config.putAll(kafka.clientConfig());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.prefix() + "uppercase");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Transactions commit at this interval: small, so the read_committed reader sees output quickly.
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return config;
    }
}
