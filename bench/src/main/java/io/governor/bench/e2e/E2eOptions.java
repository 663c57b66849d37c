package io.governor.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an end-to-end run measures. {@code bindingCapacityPerSecond} is the total the binding limit lets through,
 * split evenly over the accounts (each account gets capacity ÷ accounts per second); the scaling sweeps run the
 * open governor (and the pass-through for partitions) with {@code scalingIntents} each.
 */
public record E2eOptions(int intents, int partitions, int accounts, long bindingCapacityPerSecond,
                         Duration timeout, int warmupIntents, boolean scaling, int scalingIntents, List<Integer> accountSteps,
                         List<Integer> partitionSteps, Path out, List<E2eMode> modes, int deepQueue,
                         long releaseCapacityPerSecond, long taskIdleMs, long pacedRate, int pacedIntents,
                         int pacedRounds, int warmupRounds) {

    public static final int DEFAULT_INTENTS = 1_000_000;

    public E2eOptions {
        require("--intents", intents >= 1, intents);
        require("--partitions", partitions >= 1, partitions);
        require("--accounts", accounts >= 1, accounts);
        require("--binding-capacity", bindingCapacityPerSecond >= 1, bindingCapacityPerSecond);
        require("--scaling-intents", scalingIntents >= 1, scalingIntents);
        if (warmupIntents < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, was " + warmupIntents);
        }
        if (deepQueue < 0) {
            throw new IllegalArgumentException("--deep-queue must be >= 0, was " + deepQueue);
        }
        require("--release-capacity", releaseCapacityPerSecond >= 1, releaseCapacityPerSecond);
        if (pacedRate < 0) {
            throw new IllegalArgumentException("--paced-rate must be >= 0 (0: no paced run), was " + pacedRate);
        }
        require("--paced-intents", pacedIntents >= 1, pacedIntents);
        require("--paced-rounds", pacedRounds >= 1, pacedRounds);
        require("--warmup-rounds", warmupRounds >= 1, warmupRounds);
        modes = List.copyOf(modes);
        for (E2eMode m : modes) {
            if (!E2eMode.HEADLINE.contains(m)) {
                throw new IllegalArgumentException("--modes: " + m + " is not a headline mode " + E2eMode.HEADLINE);
            }
        }
        accountSteps = List.copyOf(accountSteps);
        partitionSteps = List.copyOf(partitionSteps);
    }

    private static void require(String option, boolean ok, long value) {
        if (!ok) {
            throw new IllegalArgumentException(option + " must be >= 1, was " + value);
        }
    }

    /**
     * {@code --intents N --partitions P --accounts A --binding-capacity R --timeout SECONDS --warmup N --scaling
     * --scaling-intents N --account-steps 1,100,10000,100000 --partition-steps 1,3,6,12 --out FILE
     * --modes PASS_THROUGH,GOVERNOR_OPEN,GOVERNOR_BINDING|none --deep-queue N --release-capacity R}; unknown
     * options fail with their name. The warm-up (default N/10, at most 100,000 intents, not recorded) runs the
     * pass-through and the open governor first, so neither pays the JIT, in rounds until the JIT compilers were
     * busy for at most {@link EndToEndBench#JIT_SETTLED_SHARE} of a round or {@code --warmup-rounds K} (default 8)
     * rounds ran: on two cores a busy C2 takes one of them. {@code --deep-queue N} (default
     * 100,000; 0 skips it) runs {@link E2eMode#DEEP_QUEUE} with N intents, released at up to R/s in total (default
     * 100,000,000: the governor's own release speed). {@code --task-idle-ms} is Streams' max.task.idle.ms for
     * both topologies (default -1, the governor's own setting). {@code --paced-rate R} (default 0: none) also runs
     * the pass-through and the open governor with the producer held to R intents/s ({@code --paced-intents N},
     * default 20 s worth): latency at an offered load both keep up with, instead of the drain time of a flat-out
     * producer; {@code --paced-rounds K} (default 3) such pairs, one after the other, since one pair's p99 moves
     * with whatever else the machine did in those 20 s.
     */
    public static E2eOptions parse(String... args) {
        int intents = DEFAULT_INTENTS;
        int partitions = 3;
        int accounts = 100;
        long capacity = 10_000;
        long timeoutSeconds = 600;
        int warmup = -1;
        boolean scaling = false;
        int scalingIntents = 50_000;
        Path out = Path.of("bench/results/e2e.json");
        List<Integer> accountSteps = List.of(1, 100, 10_000, 100_000);
        List<Integer> partitionSteps = List.of(1, 3, 6, 12);
        List<E2eMode> modes = E2eMode.HEADLINE;
        int deepQueue = 100_000;
        long releaseCapacity = 100_000_000;
        long taskIdleMs = -1;
        long pacedRate = 0;
        int pacedIntents = -1;
        int pacedRounds = 3;
        int warmupRounds = 8;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--scaling")) {
                scaling = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--intents" -> intents = Integer.parseInt(v);
                case "--partitions" -> partitions = Integer.parseInt(v);
                case "--accounts" -> accounts = Integer.parseInt(v);
                case "--binding-capacity" -> capacity = Long.parseLong(v);
                case "--timeout" -> timeoutSeconds = Long.parseLong(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--scaling-intents" -> scalingIntents = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--account-steps" -> accountSteps = steps(v);
                case "--partition-steps" -> partitionSteps = steps(v);
                case "--modes" -> modes = v.equals("none") ? List.of()
                        : java.util.Arrays.stream(v.split(",")).map(String::trim).map(E2eMode::valueOf).toList();
                case "--deep-queue" -> deepQueue = Integer.parseInt(v);
                case "--release-capacity" -> releaseCapacity = Long.parseLong(v);
                case "--task-idle-ms" -> taskIdleMs = Long.parseLong(v);
                case "--paced-rate" -> pacedRate = Long.parseLong(v);
                case "--paced-intents" -> pacedIntents = Integer.parseInt(v);
                case "--paced-rounds" -> pacedRounds = Integer.parseInt(v);
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a + " (see EndToEndBench)");
            }
        }
        warmup = warmup >= 0 ? warmup : Math.min(100_000, intents / 10);
        return new E2eOptions(intents, partitions, accounts, capacity, Duration.ofSeconds(timeoutSeconds), warmup,
                scaling,
                scalingIntents, accountSteps, partitionSteps, out, modes, deepQueue, releaseCapacity, taskIdleMs,
                pacedRate, pacedIntents > 0 ? pacedIntents : (int) Math.max(1, Math.min(1_000_000, pacedRate * 20)),
                pacedRounds, warmupRounds);
    }

    private static List<Integer> steps(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    E2eOptions withIntents(int n) {
        return new E2eOptions(n, partitions, accounts, bindingCapacityPerSecond, timeout, warmupIntents, scaling,
                scalingIntents, accountSteps, partitionSteps, out, modes, deepQueue, releaseCapacityPerSecond, taskIdleMs,
                pacedRate, pacedIntents, pacedRounds, warmupRounds);
    }
}
