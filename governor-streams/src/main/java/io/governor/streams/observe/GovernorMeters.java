package io.governor.streams.observe;

import io.governor.schemas.event.CircuitState;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.QuotaSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The governor's Micrometer meters of one instance, shared by its stream threads. Every meter is tagged by
 * {@code account}; those about one lane also by {@code lane} ({@value #NO_LANE} for the account as a whole or an
 * account without lanes), so summing over lanes never counts an event twice. Gauges show the latest snapshot.
 *
 * <p>Meter names (Prometheus adds {@code _total}, {@code _seconds}): {@value #PERMITS}, {@value #DEFERRALS},
 * {@value #REJECTIONS}, {@value #OUTCOMES}, {@value #WAIT}, {@value #QUEUE_DEPTH}, {@value #WINDOW_USED},
 * {@value #WINDOW_REMAINING}, {@value #WINDOW_LIMIT}, {@value #IN_FLIGHT}, {@value #CIRCUIT_STATE},
 * {@value #ADAPTIVE_FACTOR}.
 */
public final class GovernorMeters {
    public static final String PERMITS = "governor.permits";
    public static final String DEFERRALS = "governor.deferrals";
    public static final String REJECTIONS = "governor.rejections";
    public static final String OUTCOMES = "governor.outcomes";
    public static final String WAIT = "governor.wait";
    public static final String QUEUE_DEPTH = "governor.queue.depth";
    public static final String WINDOW_USED = "governor.window.used";
    public static final String WINDOW_REMAINING = "governor.window.remaining";
    public static final String WINDOW_LIMIT = "governor.window.limit";
    public static final String IN_FLIGHT = "governor.inflight";
    public static final String CIRCUIT_STATE = "governor.circuit.state";
    public static final String ADAPTIVE_FACTOR = "governor.adaptive.factor";
    /** The lane tag of meters about a whole account. */
    public static final String NO_LANE = "";
    private static final String PREFIX = "governor.";

    private final MeterRegistry registry;
    /** The value each gauge reads, found again by name and tags when a new snapshot sets it. */
    private final Map<GaugeKey, GaugeValue> gauges = new ConcurrentHashMap<>();

    public GovernorMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters kept in memory only: for hosts that export nothing (simulator, tests). */
    public static GovernorMeters unexported() {
        return new GovernorMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    Counter permits(String account, String lane, String priority) {
        return registry.counter(PERMITS, Tags.of("account", account, "lane", lane(lane), "priority", priority));
    }

    Counter deferrals(String account, String reason) {
        return registry.counter(DEFERRALS, Tags.of("account", account, "reason", reason));
    }

    Counter rejections(String account, String reason) {
        return registry.counter(REJECTIONS, Tags.of("account", account, "reason", reason));
    }

    Counter outcomes(String account, String lane, String result) {
        return registry.counter(OUTCOMES, Tags.of("account", account, "lane", lane(lane), "result", result));
    }

    Timer waits(String account, String lane) {
        return Timer.builder(WAIT).description("wait from an intent's first arrival to its permit")
                .tags("account", account, "lane", lane(lane))
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
    }

    /** Sets the gauges of one snapshot: queue depth (account only), windows, in-flight, circuit, adaptive factor. */
    void show(QuotaSnapshot s) {
        Tags scope = Tags.of("account", s.account(), "lane", lane(s.lane()));
        if (s.lane() == null) {
            set(QUEUE_DEPTH, Tags.of("account", s.account()), s.queueDepth());
        }
        for (QuotaSnapshot.WindowUsage w : s.windows()) {
            Tags window = scope.and("window", w.window());
            set(WINDOW_USED, window, w.used());
            set(WINDOW_REMAINING, window, w.remaining());
            set(WINDOW_LIMIT, window, w.effectiveMax());
        }
        set(IN_FLIGHT, scope, s.inFlight());
        set(CIRCUIT_STATE, scope, circuitCode(s.circuit()));
        set(ADAPTIVE_FACTOR, scope, s.adaptiveFactor());
    }

    /** Removes every meter of {@code account}: its partition moved to another instance. */
    void forget(String account) {
        for (Meter m : List.copyOf(registry.getMeters())) {
            Meter.Id id = m.getId();
            if (id.getName().startsWith(PREFIX) && account.equals(id.getTag("account"))) {
                registry.remove(m);
                gauges.remove(new GaugeKey(id.getName(), Tags.of(id.getTags())));
            }
        }
    }

    /** 0 closed, 1 half-open, 2 open, 3 forbidden: worse is higher, so an alert rule can say {@code > 0}. */
    public static int circuitCode(CircuitState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
            case FORBIDDEN -> 3;
        };
    }

    /** The result tag of an outcome: ok, rate_limited, forbidden, server_error, timeout, or other. */
    static String resultOf(Outcome outcome) {
        int status = outcome.status();
        if (outcome.isSuccess()) {
            return "ok";
        } else if (status == 429) {
            return "rate_limited";
        } else if (status == 403) {
            return "forbidden";
        } else if (status >= 500 && status <= 599) {
            return "server_error";
        } else if (outcome.error() == OutcomeError.TIMEOUT) {
            return "timeout";
        }
        return "other";
    }

    private void set(String name, Tags tags, double value) {
        gauges.computeIfAbsent(new GaugeKey(name, tags), key -> {
            GaugeValue fresh = new GaugeValue();
            Gauge.builder(name, fresh, GaugeValue::get).tags(tags).strongReference(true).register(registry);
            return fresh;
        }).set(value);
    }

    private static String lane(String lane) {
        return lane == null ? NO_LANE : lane;
    }

    private record GaugeKey(String name, Tags tags) {
    }

    /** A gauge's current value, written by one stream thread and read by the scrape. */
    private static final class GaugeValue {
        private volatile double value;

        double get() {
            return value;
        }

        void set(double v) {
            value = v;
        }
    }
}
