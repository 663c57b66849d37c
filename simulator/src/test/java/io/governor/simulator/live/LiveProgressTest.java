package io.governor.simulator.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveProgressTest {
    private static final long T0 = 1_767_600_000_000L;

    @Test
    void shouldPrintAPlainLineEveryTenSecondsWhenNotOnATerminal() {
        var bytes = new ByteArrayOutputStream();
        var progress = new LiveProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, T0, 60_000);
        var counts = new LiveProgress.Counts(100, 40, 60, 1, 0);
        for (long t = T0; t <= T0 + 25_000; t += 100) {
            progress.update(t, counts);
        }
        progress.finish(T0 + 61_000, counts);

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));   // at 0 s, 10 s, 20 s, and the last
        assertTrue(lines[0].startsWith("live: 0s/60s, 100 offered, 40 permitted, 60 deferred"), lines[0]);
        assertTrue(lines[3].startsWith("live: draining, 61s/60s"), lines[3]);
    }
}
