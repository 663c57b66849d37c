package io.governor.streams.observe;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.decision.AdmissionDecision;
import io.governor.core.feedback.FeedbackSignal;
import io.governor.schemas.event.Alert;
import io.governor.schemas.event.AlertKind;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.policy.AlertSpec;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The observability side of one governor task, kept out of its processor: counts decisions and outcomes, and
 * every metrics interval (and at once after a circuit change) publishes each hosted account's snapshots to the
 * metrics topic and the queryable {@link QuotaStore}, with the alerts they raise to the alerts topic.
 */
public final class TaskObservation {
    /** Child names of the sinks the processor forwards to. */
    public static final String METRICS = "metrics";
    public static final String ALERTS = "alerts";

    private final QuotaObserver observer;
    private final ProcessorContext<Object, Object> context;
    private final KeyValueStore<String, String> quotas;

    private TaskObservation(QuotaObserver observer, ProcessorContext<Object, Object> context,
                            KeyValueStore<String, String> quotas) {
        this.observer = observer;
        this.context = context;
        this.quotas = quotas;
    }

    /**
     * Adds the quota store and the metrics and alerts sinks to {@code processor}, when {@code observability} is
     * set (null: a topology that reports nothing, as the simulator runs it).
     */
    public static void addTo(Topology topology, String processor, GovernorTopics topics, Observability observability) {
        if (observability == null) {
            return;
        }
        // A cache rewritten every interval: no changelog (see QuotaStore).
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(QuotaStore.STORE),
                Serdes.String(), Serdes.String()).withLoggingDisabled(), processor);
        var keys = new StringSerializer();
        topology.addSink(METRICS, topics.metrics(), keys, EventSerdes.quotaSnapshot(), processor);
        topology.addSink(ALERTS, topics.alerts(), keys, EventSerdes.alert(), processor);
    }

    /**
     * Observation of the task {@code context} belongs to; {@code hosted} lists its accounts' admissions, for the
     * periodic snapshots. With {@code observability} null it only drains signals nobody will read.
     */
    public static TaskObservation open(Observability observability, ProcessorContext<Object, Object> context,
                                       Supplier<Collection<AccountAdmission>> hosted) {
        if (observability == null) {
            return new TaskObservation(null, context, null);
        }
        var task = new TaskObservation(new QuotaObserver(observability.meters()), context,
                context.getStateStore(QuotaStore.STORE));
        context.schedule(observability.metricsInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            for (AccountAdmission admission : List.copyOf(hosted.get())) {
                task.publish(admission, now);
            }
        });
        return task;
    }

    public void decided(String account, AdmissionDecision decision) {
        if (observer != null) {
            observer.decided(account, decision);
        }
    }

    public void outcome(Outcome outcome) {
        if (observer != null) {
            observer.outcome(outcome);
        }
    }

    /**
     * After {@code admission} changed: its circuit changes and 403s become alerts, and a circuit change publishes
     * its snapshots at once rather than at the next interval.
     */
    public void changed(AccountAdmission admission, long now) {
        List<FeedbackSignal> signals = admission.drainSignals();
        if (signals.isEmpty() || observer == null) {
            return;
        }
        for (FeedbackSignal s : signals) {
            forward(admission.account(), alertOf(admission.account(), s), ALERTS, now);
        }
        publish(admission, now);
    }

    /** Publishes the account's snapshots and their alerts, and keeps them for /quotas. */
    public void publish(AccountAdmission admission, long now) {
        if (observer == null) {
            return;
        }
        String account = admission.account();
        AlertSpec spec = admission.policy().source().alerts();
        QuotaObserver.Published published = observer.complete(account, admission.snapshots(now), spec);
        for (QuotaSnapshot s : published.snapshots()) {
            forward(account, s, METRICS, now);
        }
        for (Alert a : published.alerts()) {
            forward(account, a, ALERTS, now);
        }
        quotas.put(account, QuotaStore.encode(published.snapshots()));
        // The snapshot may have moved a circuit along (open → half-open after its cooldown).
        for (FeedbackSignal s : admission.drainSignals()) {
            forward(account, alertOf(account, s), ALERTS, now);
        }
    }

    /** The task closes: its accounts' meters go (the partition may move to another instance). */
    public void close() {
        if (observer != null) {
            observer.close();
        }
    }

    private void forward(String account, Object event, String child, long now) {
        context.forward(new Record<Object, Object>(account, event, now), child);
    }

    /** The signal kinds are alert kinds of the same names. */
    static Alert alertOf(String account, FeedbackSignal s) {
        String message = s.message() != null && !s.message().isBlank() ? s.message()
                : "account " + account + (s.lane() == null ? "" : " lane " + s.lane()) + ": "
                + s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return new Alert(Math.max(0, s.at()), account, s.lane(), AlertKind.valueOf(s.kind().name()), null, null,
                message);
    }
}
