package io.governor.simulator.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.event.RejectionReason;
import io.governor.schemas.kafka.EventSerde;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.simulator.report.Figures;
import io.governor.simulator.report.RunEvents;
import io.governor.simulator.report.RunTally;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** How the events read back from Kafka feed the run's tally (no broker: records are built here). */
class LiveRunTest {
    private static final long START = 1_700_000_000_000L;
    private final GovernorTopics topics = new GovernorTopics("sim-test.");
    private final RunTally tally = new RunTally(START);
    private final LiveRun run = new LiveRun(new LiveStack(new PrintStream(OutputStream.nullOutputStream())), START,
            START + 10_000, Duration.ZERO, null, false);

    @Test
    void shouldCountAFailedCallsRetryAndFinalRejectionAsOneDecision() {
        tally.offered(intent("i-1", START));
        collect(topics.permits(), "api", EventSerdes.permit(), permit("i-1", 0, START + 10));
        collect(topics.outcomes(), "api", EventSerdes.outcome(),
                new Outcome("i-1", "api", null, 0, 503, null, 5, null, null, START + 20, START + 25, "x"));
        collect(topics.permits(), "api", EventSerdes.permit(), permit("i-1", 1, START + 1_000));
        collect(topics.outcomes(), "api", EventSerdes.outcome(),
                new Outcome("i-1", "api", null, 1, 503, null, 5, null, null, START + 1_020, START + 1_025, "x"));
        collect(topics.rejected(), "api", EventSerdes.rejection(),
                new Rejection("i-1", "api", RejectionReason.ATTEMPTS_EXHAUSTED, null, START + 1_030));

        assertEquals(1, tally.decisions());
        Figures f = tally.totals(Map.of());
        assertEquals(1, f.permitted());
        assertEquals(1, f.retries());
        assertEquals(Map.of("ATTEMPTS_EXHAUSTED", 1L), f.rejected());
        double[] depth = tally.timeline().series(START + 2_000, 60).queueDepth();
        assertTrue(Arrays.stream(depth).allMatch(d -> d == 0 || d == 1), "waiting: " + Arrays.toString(depth));
        assertEquals(0, depth[depth.length - 1], "waiting: " + Arrays.toString(depth));
    }

    @Test
    void shouldLeaveTheWarmUpAccountsEventsOut() {
        collect(topics.permits(), LiveStack.WARM_UP_ACCOUNT, EventSerdes.permit(), new Permit("warm-up-0",
                LiveStack.WARM_UP_ACCOUNT, null, null, null, 1, 0, START - 5_000, START - 4_000, START - 3_950, 0,
                null, null));

        assertEquals(0, tally.decisions());
        assertEquals(Map.of(), tally.totals(Map.of()).rejected());
        assertEquals(0, tally.totals(Map.of()).permitted());
    }

    private <T> void collect(String topic, String key, EventSerde<T> serde, T event) {
        run.collect(new ConsumerRecord<>(topic, 0, 0, key.getBytes(StandardCharsets.UTF_8),
                serde.serialize(topic, event)), topics, tally, RunEvents.NONE);
    }

    private static Intent intent(String id, long at) {
        return new Intent(id, "api", null, null, Priority.NORMAL, 1, null, null, null, null, null, null,
                new HttpRequest("GET", "http://127.0.0.1:1/api?id=" + id, null, null), null, at);
    }

    private static Permit permit(String id, int attempt, long at) {
        return new Permit(id, "api", null, null, Priority.NORMAL, 1, attempt, at, at + 1_000, at + 1_050, at - START,
                null, null);
    }
}
