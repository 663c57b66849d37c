package io.governor.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.governor.executor.kafka.DeliveryMode;
import io.governor.schemas.InvalidFieldException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutorOptionsTest {
    private static final Path POLICY = Path.of("policy.yaml");

    @Test
    void shouldFillDefaults() {
        ExecutorOptions o = ExecutorOptions.of("localhost:9092", POLICY);
        assertEquals(64, o.concurrency());
        assertEquals(1 << 20, o.maxBody());
        assertEquals(Duration.ofSeconds(30), o.grace());
        assertEquals(DeliveryMode.AT_MOST_ONCE, o.delivery());
        assertEquals("governor.permits", o.topics().permits());
    }

    @Test
    void shouldNameTheBadField() {
        assertEquals("bootstrap", assertThrows(InvalidFieldException.class, () ->
                new ExecutorOptions("localhost", POLICY, 1, 1, null, false, null, null)).field());
        assertEquals("concurrency", assertThrows(InvalidFieldException.class, () ->
                new ExecutorOptions("h:1", POLICY, 0, 1, null, false, null, null)).field());
        assertEquals("maxBody", assertThrows(InvalidFieldException.class, () ->
                new ExecutorOptions("h:1", POLICY, 1, -1, null, false, null, null)).field());
        assertEquals("grace", assertThrows(InvalidFieldException.class, () ->
                new ExecutorOptions("h:1", POLICY, 1, 1, Duration.ofSeconds(-1), false, null, null)).field());
        assertEquals("prefix", assertThrows(InvalidFieldException.class, () ->
                new ExecutorOptions("h:1", POLICY, 1, 1, null, false, null, "bad prefix")).field());
    }

    @Test
    void shouldParseByteSizes() {
        assertEquals(1_048_576, ExecutorOptions.parseByteSize("maxBody", "1048576"));
        assertEquals(512 * 1024, ExecutorOptions.parseByteSize("maxBody", "512KB"));
        assertEquals(10 * 1024 * 1024, ExecutorOptions.parseByteSize("maxBody", "10mb"));
        assertEquals("maxBody", assertThrows(InvalidFieldException.class,
                () -> ExecutorOptions.parseByteSize("maxBody", "lots")).field());
        assertThrows(InvalidFieldException.class, () -> ExecutorOptions.parseByteSize("maxBody", "3GB"));
    }
}
