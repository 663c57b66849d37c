package io.governor.bench.release;

import io.governor.bench.Host;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Not JMH: the permit path of one account over the governor's store layout on RocksDB behind the write-behind
 * view, written out every {@code commitEvery} intents as a task's commit would, with no broker. It isolates what
 * the state stores cost per intent (the end-to-end run adds JSON, sends and the changelog). An intent every 3
 * virtual ms under a 1000/s limit (never binding), dedup kept 5 minutes, leases of 30 s that expire, or with a
 * third argument {@code answerAfter} answered by a 200 outcome that many intents later (as an executor would).
 * Prints stream-thread CPU per intent for 5 rounds; for A/B runs of two builds:
 * {@code java -cp bench/target/benchmarks.jar io.governor.bench.release.StorePathLoop 1000 200000 300}.
 */
public final class StorePathLoop {
    private static final long STEP_MS = 3;

    private StorePathLoop() {
    }

    public static void main(String[] args) throws IOException {
        int commitEvery = Integer.parseInt(args[0]);
        int perRound = Integer.parseInt(args[1]);
        int answerAfter = args.length > 2 ? Integer.parseInt(args[2]) : -1;
        Path dir = Files.createTempDirectory("store-path");
        AdmissionPolicy policy = new AdmissionPolicy(ReleaseCost.POLICY);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long now = ReleaseCost.START_MS;
        try (var opened = ReleaseBackend.STORE_ROCKSDB_WRITE_BEHIND.open("acct", policy,
                AdmissionSettings.defaults().withDedupRetention(300_000), dir)) {
            for (int round = 0; round < 5; round++) {
                long decisions = 0;
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    now += STEP_MS;
                    decisions += opened.admission().offer(Intent.of(id(round, i), "acct"), now).size();
                    if (answerAfter >= 0 && i >= answerAfter) {
                        opened.admission().outcome(new Outcome(id(round, i - answerAfter), "acct", null, 0, 200,
                                null, 5, null, null, now - 5, now, "loop"), now);
                    }
                    if (i % commitEvery == 0) {
                        opened.commit();
                    }
                }
                System.out.printf(Locale.ROOT, "round %d: %.2f us CPU per intent (%d decisions)%n", round,
                        (cpu.getCurrentThreadCpuTime() - start) / 1e3 / perRound, decisions);
            }
        } finally {
            Host.deleteTree(dir);
        }
    }

    private static String id(int round, int i) {
        return "intent-" + round + "-" + i;
    }
}
