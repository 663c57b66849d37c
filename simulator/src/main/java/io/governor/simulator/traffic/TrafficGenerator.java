package io.governor.simulator.traffic;

import io.governor.schemas.document.InvalidDocumentException;
import io.governor.schemas.event.Intent;
import io.governor.schemas.json.EventDecodingException;
import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.scenario.BacklogTraffic;
import io.governor.schemas.scenario.IntentTemplate;
import io.governor.schemas.scenario.RateTraffic;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.TraceTraffic;
import io.governor.schemas.scenario.TrafficShape;
import io.governor.schemas.scenario.TrafficSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every intent a scenario offers, in {@code createdAt} order (ties: traffic entry order, then generation order).
 * Each traffic entry draws from its own generator split off the scenario's seed, so adding an entry does not
 * change the intents of the others. Ids are {@code <entry>-<n>} ({@code 0-17}); trace lines keep their own ids.
 *
 * <p>Backlogs are all created at the start. Rates run over [start, start + duration): CONSTANT at even gaps from
 * the start, POISSON with exponential gaps, BURST as CONSTANT plus {@code burstSize} intents at every multiple of
 * {@code burstEvery} after the start. In a trace line, {@code createdAt}, {@code notBefore} and {@code deadline}
 * are milliseconds after the scenario's start.
 */
public final class TrafficGenerator {
    private TrafficGenerator() {
    }

    /** The scenario's intents in createdAt order; a bad trace line throws InvalidDocumentException. */
    public static List<Intent> generate(Scenario scenario) {
        SplittableRandom root = new SplittableRandom(scenario.seed());
        List<Timed> all = new ArrayList<>();
        for (int e = 0; e < scenario.traffic().size(); e++) {
            SplittableRandom random = root.split();
            TrafficSpec spec = scenario.traffic().get(e);
            int entry = e;
            Sink sink = (intent) -> all.add(new Timed(intent, entry, all.size()));
            if (spec instanceof BacklogTraffic b) {
                for (long n = 0; n < b.count(); n++) {
                    sink.add(b.template().toIntent(entry + "-" + n, b.account(), scenario.startMs()));
                }
            } else if (spec instanceof RateTraffic r) {
                rate(scenario, r, entry, random, sink);
            } else {
                trace(scenario, (TraceTraffic) spec, sink);
            }
        }
        all.sort(null);
        List<Intent> out = new ArrayList<>(all.size());
        for (Timed t : all) {
            out.add(t.intent);
        }
        return out;
    }

    private static void rate(Scenario scenario, RateTraffic r, int entry, SplittableRandom random, Sink sink) {
        long start = scenario.startMs();
        long end = scenario.endMs();
        IntentTemplate template = r.template();
        double gap = r.rate().meanGapMs();
        long n = 0;
        if (r.shape() == TrafficShape.POISSON) {
            double t = start - gap * Math.log(1 - random.nextDouble());
            while (t < end) {
                sink.add(template.toIntent(entry + "-" + n++, r.account(), (long) t));
                t -= gap * Math.log(1 - random.nextDouble());
            }
            return;
        }
        long every = r.shape() == TrafficShape.BURST ? r.burstEvery().toMillis() : Long.MAX_VALUE;
        long nextBurst = every == Long.MAX_VALUE ? Long.MAX_VALUE : start + every;
        for (long k = 0; ; k++) {
            long t = start + (long) Math.floor(k * gap);
            while (nextBurst <= t && nextBurst < end) {
                for (int b = 0; b < r.burstSize(); b++) {
                    sink.add(template.toIntent(entry + "-" + n++, r.account(), nextBurst));
                }
                nextBurst += every;
            }
            if (t >= end) {
                return;
            }
            sink.add(template.toIntent(entry + "-" + n++, r.account(), t));
        }
    }

    private static void trace(Scenario scenario, TraceTraffic trace, Sink sink) {
        String file = trace.file().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(trace.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
        long start = scenario.startMs();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            Intent x;
            try {
                x = GovernorJson.decode(line, Intent.class);
            } catch (EventDecodingException | IllegalArgumentException e) {
                throw new InvalidDocumentException(file, "line " + (i + 1), e.getMessage(), e);
            }
            long created = start + (x.createdAt() == null ? 0 : x.createdAt());
            sink.add(new Intent(x.id(), x.account(), x.tenant(), x.lane(), x.priority(), x.cost(), x.job(),
                    x.notBefore() == null ? null : start + x.notBefore(),
                    x.deadline() == null ? null : start + x.deadline(), x.maxAttempts(), x.fallbacks(), x.replyTo(),
                    x.request(), x.attributes(), created));
        }
    }

    private interface Sink {
        void add(Intent intent);
    }

    /** Ordered by createdAt, then traffic entry, then generation order (one compare: a run sorts every intent). */
    private record Timed(Intent intent, int entry, int order) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed o) {
            int c = Long.compare(intent.createdAt(), o.intent.createdAt());
            c = c != 0 ? c : Integer.compare(entry, o.entry);
            return c != 0 ? c : Integer.compare(order, o.order);
        }
    }
}
