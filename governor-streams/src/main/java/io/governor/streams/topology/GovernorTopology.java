package io.governor.streams.topology;

import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.Permit;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.streams.observe.Observability;
import io.governor.streams.observe.TaskObservation;
import io.governor.streams.store.AccountStorage;
import io.governor.streams.store.CommitHook;
import io.governor.streams.store.SkipListStoreSupplier;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The governor's topology: intents, intents re-keyed by account and policy records all feed one processor per
 * task, which owns the accounts of its partition in three stores (state, wake-ups, policy overrides) and writes
 * permits (to {@code replyTo} when an intent names one), deferrals, rejections and dead letters.
 *
 * Outcomes feed the same processor, so what an outcome changes and the decisions it causes are one atomic step.
 *
 * <p>Intents, policies, outcomes and the re-key topic must have the same number of partitions: an account's
 * policy record, its intents and its outcomes must land in the same task. The app checks this at start.
 */
public final class GovernorTopology {
    private static final String SOURCE_INTENTS = "intents-source";
    private static final String SOURCE_BY_ACCOUNT = "intents-by-account-source";
    private static final String SOURCE_POLICIES = "policies-source";
    private static final String SOURCE_OUTCOMES = "outcomes-source";
    private static final String PROCESSOR = "governor";

    private GovernorTopology() {
    }

    /** Topic where intents keyed by something other than their account are re-keyed (not in the contract). */
    public static String byAccountTopic(GovernorTopics topics) {
        return topics.prefix() + "intents-by-account";
    }

    /** Where the governor's stores live. */
    public enum Storage {
        /** RocksDB with changelogs: production. */
        PERSISTENT,
        /** In memory (a lazy skip list), restored from changelogs. */
        IN_MEMORY,
        /**
         * In memory without changelogs: the state dies with the process. Only for a topology that is never
         * restored, such as the simulator's under TopologyTestDriver, where writing changelog records is a third of
         * the run's cost.
         */
        IN_MEMORY_NO_CHANGELOG
    }

    /**
     * What a topology needs besides the topics; {@code observability} null publishes no snapshots or alerts and
     * counts no meters.
     */
    public record Settings(PolicyDocument policy, AccountPolicyParser parser, AdmissionSettings admission,
                           Duration tick, Storage storage, Observability observability) {
        public Settings {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(parser, "parser");
            Objects.requireNonNull(admission, "admission");
            Objects.requireNonNull(tick, "tick");
            Objects.requireNonNull(storage, "storage");
        }

        /** {@code persistent} true: RocksDB; false: in memory, with changelogs. */
        public Settings(PolicyDocument policy, AccountPolicyParser parser, AdmissionSettings admission,
                        Duration tick, boolean persistent, Observability observability) {
            this(policy, parser, admission, tick, persistent ? Storage.PERSISTENT : Storage.IN_MEMORY,
                    observability);
        }

        /** Without observability. */
        public Settings(PolicyDocument policy, AccountPolicyParser parser, AdmissionSettings admission,
                        Duration tick, boolean persistent) {
            this(policy, parser, admission, tick, persistent, null);
        }
    }

    public static Topology build(GovernorTopics topics, Settings settings, GovernorCounters counters) {
        String byAccount = byAccountTopic(topics);
        Topology t = new Topology();
        var bytes = new ByteArrayDeserializer();
        t.addSource(SOURCE_INTENTS, bytes, bytes, topics.intents());
        t.addSource(SOURCE_BY_ACCOUNT, bytes, bytes, byAccount);
        t.addSource(SOURCE_POLICIES, bytes, bytes, topics.policies());
        t.addSource(SOURCE_OUTCOMES, bytes, bytes, topics.outcomes());
        t.addProcessor(PROCESSOR, () -> new GovernorProcessor(topics, byAccount, settings.policy(), settings.parser(),
                settings.admission(), settings.tick(), counters, settings.observability()), SOURCE_INTENTS,
                SOURCE_BY_ACCOUNT, SOURCE_POLICIES, SOURCE_OUTCOMES);

        t.addStateStore(store(Stores.keyValueStoreBuilder(supplier(AccountStorage.STORE, settings.storage()),
                Serdes.Bytes(), Serdes.ByteArray()), settings.storage()), PROCESSOR);
        t.addStateStore(store(Stores.keyValueStoreBuilder(supplier(WakeUpIndex.STORE, settings.storage()),
                Serdes.Bytes(), Serdes.ByteArray()), settings.storage()), PROCESSOR);
        t.addStateStore(store(Stores.keyValueStoreBuilder(supplier(PolicyBook.STORE, settings.storage()),
                Serdes.String(), Serdes.String()), settings.storage()), PROCESSOR);
        t.addStateStore(CommitHook.builder(CommitHook.STORE), PROCESSOR);

        var keys = new StringSerializer();
        Serializer<Permit> permits = EventSerdes.permit();
        Serializer<RoutedPermit> routed = (topic, rp) -> permits.serialize(topic, rp.permit());
        String permitsTopic = topics.permits();
        TopicNameExtractor<String, RoutedPermit> replyTo = (key, rp, ctx) ->
                rp.replyTo() == null ? permitsTopic : rp.replyTo();
        t.addSink(GovernorProcessor.PERMITS, replyTo, keys, routed, PROCESSOR);
        t.addSink(GovernorProcessor.DEFERRED, topics.deferred(), keys, EventSerdes.deferral(), PROCESSOR);
        t.addSink(GovernorProcessor.REJECTED, topics.rejected(), keys, EventSerdes.rejection(), PROCESSOR);
        t.addSink(GovernorProcessor.DEAD_LETTERS, topics.dlq(), new ByteArraySerializer(), EventSerdes.deadLetter(),
                PROCESSOR);
        t.addSink(GovernorProcessor.BY_ACCOUNT, byAccount, keys, new ByteArraySerializer(), PROCESSOR);
        TaskObservation.addTo(t, PROCESSOR, topics, settings.observability());
        return t;
    }

    private static KeyValueBytesStoreSupplier supplier(String name, Storage storage) {
        return storage == Storage.PERSISTENT ? Stores.persistentKeyValueStore(name) : new SkipListStoreSupplier(name);
    }

    /**
     * Not cached: a record cache would merge the writes of a key into one per commit, but every decision also
     * reads several ranges (time indexes, wake-ups, queue heads), and a cached store copies the cached keys of a
     * range into a new TreeSet on every range read (Kafka's NamedCache.keyRange): measured end to end
     * (stream-thread CPU per intent, bench e2e) caching cost more than it saved. The processor merges its writes
     * itself instead ({@link io.governor.streams.store.WriteBehindStore}, written out from {@link CommitHook}).
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(StoreBuilder<KeyValueStore<K, V>> builder,
                                                                  Storage storage) {
        return storage == Storage.IN_MEMORY_NO_CHANGELOG ? builder.withLoggingDisabled() : builder;
    }

}
