package io.governor.streams.topology;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AdmissionSettings;
import io.governor.core.decision.AdmissionDecision;
import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.RejectionReason;
import io.governor.schemas.json.EventDecodingException;
import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.kafka.DeadLetters;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.streams.observe.Observability;
import io.governor.streams.observe.TaskObservation;
import io.governor.streams.store.AccountKeys;
import io.governor.streams.store.AccountStorage;
import io.governor.streams.store.CommitHook;
import io.governor.streams.store.WriteBehindStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The governor's one processor: reads intents and policy records of the accounts its task owns, decides with
 * {@link AccountAdmission} over the task's state stores, and releases waiting intents from a wall-clock
 * punctuation driven by {@link WakeUpIndex}. Records arrive as bytes and are decoded here, so a malformed record
 * becomes a dead letter with its reason instead of an exception on the stream thread.
 */
final class GovernorProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String PERMITS = "permits";
    static final String DEFERRED = "deferred";
    static final String REJECTED = "rejected";
    static final String DEAD_LETTERS = "dead-letters";
    static final String BY_ACCOUNT = "intents-by-account";
    /**
     * Headers of a fallback hop on the re-key topic (never honoured on the public intents topic): the primary
     * account, and the index in {@code fallbacks} of the account the record is keyed by ({@code fallbacks.size()}
     * when it goes back to the primary).
     */
    static final String FALLBACK_OF = "governor-fallback-of";
    static final String FALLBACK_HOP = "governor-fallback-hop";

    /** Kafka's own rule for topic names; a replyTo outside it could never be written. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /** Accounts whose admission objects stay decoded between records; the store remains the truth. */
    private static final int CACHED_ACCOUNTS = 10_000;

    /** The topic names {@link #process} compares every record's topic with, built once. */
    private final String intentsTopic;
    private final String policiesTopic;
    private final String outcomesTopic;
    private final String byAccountTopic;
    private final PolicyDocument file;
    private final AccountPolicyParser parser;
    private final AdmissionSettings settings;
    private final Duration tick;
    private final GovernorCounters counters;
    private final Observability observability;

    private ProcessorContext<Object, Object> context;
    private TaskObservation observation;
    private WriteBehindStore state;
    private WriteBehindStore wakeUpStore;
    private PolicyBook policies;
    private WakeUpIndex wakeUps;
    /**
     * Accounts decided since their state was last written: written before each commit and once ahead of it
     * ({@link WriteAheadSchedule}), or before the state is loaded again (after an eviction from {@link #admissions}
     * or a policy change), not once per intent, since only the last state before a commit is ever read back.
     */
    private final Map<String, Hosted> unsaved = new LinkedHashMap<>();
    /**
     * Without exactly-once, outputs are sent as they are forwarded and nothing holds them back until the commit:
     * state held until the commit would then reach Kafka a commit interval after the permits it caused, and a
     * crash in between would permit their intents again on replay. So every step's writes go out with it.
     */
    private boolean writeThrough;
    private WriteAheadSchedule writeAhead;
    /** An account's decoded admission and the store view it was built on, kept together between records. */
    private record Hosted(AccountAdmission admission, AccountStorage storage) {
    }

    private final Map<String, Hosted> admissions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Hosted> eldest) {
            return size() > CACHED_ACCOUNTS; // an unsaved state stays in unsaved until it is written
        }
    };

    GovernorProcessor(GovernorTopics topics, String byAccountTopic, PolicyDocument file, AccountPolicyParser parser,
                      AdmissionSettings settings, Duration tick, GovernorCounters counters,
                      Observability observability) {
        this.intentsTopic = topics.intents();
        this.policiesTopic = topics.policies();
        this.outcomesTopic = topics.outcomes();
        this.byAccountTopic = byAccountTopic;
        this.file = file;
        this.parser = parser;
        this.settings = settings;
        this.tick = tick;
        this.counters = counters;
        this.observability = observability;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.state = new WriteBehindStore(context.<KeyValueStore<Bytes, byte[]>>getStateStore(AccountStorage.STORE),
                AccountKeys.POINT_KEYS);
        this.wakeUpStore = new WriteBehindStore(context.<KeyValueStore<Bytes, byte[]>>getStateStore(
                WakeUpIndex.STORE), WakeUpIndex.POINT_KEYS);
        this.policies = new PolicyBook(file, context.getStateStore(PolicyBook.STORE), parser);
        this.wakeUps = new WakeUpIndex(this.wakeUpStore);
        admissions.clear();
        unsaved.clear();
        CommitHook hook = context.getStateStore(CommitHook.STORE);
        hook.beforeCommit(this::beforeCommit);
        writeThrough = !StreamsConfig.EXACTLY_ONCE_V2.equals(
                context.appConfigs().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        writeAhead = new WriteAheadSchedule(commitInterval(context), tick);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::releaseDue);
        observation = TaskObservation.open(observability, context,
                () -> admissions.values().stream().map(Hosted::admission).toList());
    }

    @Override
    public void close() {
        observation.close();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(intentsTopic);
        if (topic.equals(policiesTopic)) {
            applyPolicy(record);
        } else if (topic.equals(outcomesTopic)) {
            applyOutcome(record);
        } else {
            decideIntent(record, topic);
        }
        if (writeThrough) {
            writeOut();
        }
    }

    /** Streams' commit interval as the application configured it (Streams' EOS default when it did not). */
    private static Duration commitInterval(ProcessorContext<?, ?> context) {
        Object configured = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        return configured == null ? Duration.ofMillis(100) : Duration.ofMillis(Long.parseLong(configured.toString()));
    }

    private void decideIntent(Record<byte[], byte[]> record, String topic) {
        long now = context.currentSystemTimeMs();
        Intent intent;
        try {
            intent = GovernorJson.decode(record.value(), Intent.class);
        } catch (EventDecodingException e) {
            deadLetter(record, e, now);
            return;
        }
        if (intent == null) {
            deadLetter(record, new EventDecodingException(EventDecodingException.Reason.EMPTY, null,
                    "an intent record needs a value (got a tombstone)", null), now);
            return;
        }
        if (intent.replyTo() != null && !TOPIC_NAME.matcher(intent.replyTo()).matches()) {
            deadLetter(record, new EventDecodingException(EventDecodingException.Reason.INVALID_VALUE, "replyTo",
                    "replyTo: \"" + intent.replyTo() + "\" is not a legal topic name", null), now);
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Integer hop = topic.equals(byAccountTopic) ? fallbackHop(record.headers(), intent) : null;
        if (hop != null && key != null) {
            decideFallback(intent, key, hop, now);
            return;
        }
        if (!intent.account().equals(key) && !topic.equals(byAccountTopic)) {
            // Keyed by something else: its account may live in another task, so send it to the one that owns it.
            context.forward(new Record<Object, Object>(intent.account(), record.value(), record.timestamp()),
                    BY_ACCOUNT);
            return;
        }
        counters.intents.increment();
        var policy = policies.policyFor(intent.account());
        if (policy.isEmpty()) {
            emit(DecisionEvents.rejection(intent, RejectionReason.UNKNOWN_ACCOUNT, "no policy for account \""
                    + intent.account() + "\" and the policy's defaults have no limits", now), intent.account(), now);
            return;
        }
        Hosted hosted = admissionFor(intent.account(), policy.get());
        finish(hosted, hosted.admission().offer(intent, now), now);
    }

    /** The hop of a fallback record, or null when the record is an ordinary re-keyed intent. */
    private static Integer fallbackHop(Headers headers, Intent intent) {
        Header of = headers.lastHeader(FALLBACK_OF);
        Header hop = headers.lastHeader(FALLBACK_HOP);
        if (of == null || hop == null || !intent.account().equals(new String(of.value(), StandardCharsets.UTF_8))) {
            return null;
        }
        try {
            int h = Integer.parseInt(new String(hop.value(), StandardCharsets.UTF_8));
            return h >= 0 && h <= intent.fallbacks().size() ? h : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An intent whose primary's circuit is open, arriving at fallback number {@code hop} or back home. */
    private void decideFallback(Intent intent, String account, int hop, long now) {
        var policy = policies.policyFor(account);
        boolean home = hop == intent.fallbacks().size();
        if (policy.isEmpty()) {
            if (home) { // the primary lost its policy meanwhile
                emit(DecisionEvents.rejection(intent, RejectionReason.UNKNOWN_ACCOUNT, "no policy for account \""
                        + account + "\" any more", now), account, now);
            } else { // an unknown fallback is skipped like one whose circuit is open
                int next = hop + 1;
                forwardHop(intent, next < intent.fallbacks().size() ? intent.fallbacks().get(next)
                        : intent.account(), next, now);
            }
            return;
        }
        Hosted hosted = admissionFor(account, policy.get());
        finish(hosted, home ? hosted.admission().offerReturned(intent, now)
                : hosted.admission().offerFallback(intent, hop, now), now);
    }

    private void forwardHop(Intent intent, String to, int hop, long now) {
        Headers headers = new RecordHeaders()
                .add(FALLBACK_OF, intent.account().getBytes(StandardCharsets.UTF_8))
                .add(FALLBACK_HOP, Integer.toString(hop).getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<Object, Object>(to, GovernorJson.toBytes(intent), now, headers), BY_ACCOUNT);
    }

    private void applyOutcome(Record<byte[], byte[]> record) {
        long now = context.currentSystemTimeMs();
        Outcome outcome;
        try {
            outcome = GovernorJson.decode(record.value(), Outcome.class);
        } catch (EventDecodingException e) {
            deadLetter(record, e, now);
            return;
        }
        if (outcome == null) {
            deadLetter(record, new EventDecodingException(EventDecodingException.Reason.EMPTY, null,
                    "an outcome record needs a value (got a tombstone)", null), now);
            return;
        }
        counters.outcomes.increment();
        var policy = policies.policyFor(outcome.account());
        if (policy.isEmpty()) {
            counters.ignoredOutcomes.increment(); // no admission holds a lease for an account without a policy
            return;
        }
        observation.outcome(outcome);
        Hosted hosted = admissionFor(outcome.account(), policy.get());
        finish(hosted, hosted.admission().outcome(outcome, now), now);
    }

    private void applyPolicy(Record<byte[], byte[]> record) {
        long now = context.currentSystemTimeMs();
        if (record.key() == null) {
            deadLetter(record, new EventDecodingException(EventDecodingException.Reason.INVALID_VALUE, null,
                    "a policy record must be keyed by its account", null), now);
            return;
        }
        String account = new String(record.key(), StandardCharsets.UTF_8);
        try {
            String json = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            policies.apply(account, json);
            admissions.remove(account);
            wakeUps.wakeNow(account, now); // waiting intents are judged again under the new policy
            counters.policyUpdates.increment();
        } catch (IllegalArgumentException e) {
            deadLetter(record, new EventDecodingException(EventDecodingException.Reason.INVALID_VALUE, null,
                    "invalid policy for account \"" + account + "\" (the previous policy stays): "
                            + e.getMessage(), e), now);
        }
    }

    private void releaseDue(long now) {
        for (String account : wakeUps.due(now)) {
            var policy = policies.policyFor(account);
            if (policy.isEmpty()) {
                // The account was removed while intents waited: they can never be permitted.
                wakeUps.schedule(account, Long.MAX_VALUE);
                continue;
            }
            Hosted hosted = admissionFor(account, policy.get());
            finish(hosted, hosted.admission().release(now), now);
        }
        if (writeThrough || writeAhead.due(now)) {
            writeOut();
        }
    }

    private Hosted admissionFor(String account, AdmissionPolicy policy) {
        Hosted cached = admissions.get(account);
        if (cached != null && cached.admission().policy() == policy) {
            return cached;
        }
        save(account); // evicted or under an old policy, and not written yet: the load below must see it
        state.writeHeld(); // and so must any append its old view still holds back (ChunkedTimeIndex)
        var storage = new AccountStorage(state, account);
        var hosted = new Hosted(new AccountAdmission(account, policy, storage.loadState(policy),
                storage.stores(policy), settings), storage);
        admissions.put(account, hosted);
        return hosted;
    }

    private void finish(Hosted hosted, List<AdmissionDecision> decisions, long now) {
        AccountAdmission admission = hosted.admission();
        for (AdmissionDecision d : decisions) {
            observation.decided(admission.account(), d);
            if (d instanceof AdmissionDecision.Permitted p) {
                counters.permitted.increment();
                context.forward(new Record<Object, Object>(admission.account(),
                        new RoutedPermit(DecisionEvents.permit(p, now), p.intent().replyTo()), now), PERMITS);
            } else if (d instanceof AdmissionDecision.Redirected r) {
                counters.redirected.increment();
                forwardHop(r.intent(), r.toAccount(), r.hop(), now);
            } else {
                emit(DecisionEvents.of(d, now), admission.account(), now);
            }
        }
        unsaved.put(admission.account(), hosted);
        wakeUps.schedule(admission.account(), admission.nextWakeAt());
        observation.changed(admission, now);
    }

    private void beforeCommit() {
        writeOut();
        writeAhead.committed(context.currentSystemTimeMs());
    }

    /** Writes the state of every account decided since it was last written, then every pending write, in one batch. */
    private void writeOut() {
        unsaved.values().forEach(h -> h.storage().saveState(h.admission().state()));
        unsaved.clear();
        state.writePending();
        wakeUpStore.writePending();
    }

    private void save(String account) {
        Hosted h = unsaved.remove(account);
        if (h != null) {
            h.storage().saveState(h.admission().state());
        }
    }

    private void emit(Object event, String account, long now) {
        if (event instanceof io.governor.schemas.event.Rejection) {
            counters.rejected.increment();
            context.forward(new Record<>(account, event, now), REJECTED);
        } else {
            counters.deferred.increment();
            context.forward(new Record<>(account, event, now), DEFERRED);
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, EventDecodingException e, long now) {
        var meta = context.recordMetadata();
        DeadLetter letter = DeadLetters.of(meta.map(RecordMetadata::topic).orElse("?"),
                meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L),
                record.key(), record.value(), e, now);
        counters.deadLetters.increment();
        context.forward(new Record<Object, Object>(record.key(), letter, now), DEAD_LETTERS);
    }
}
