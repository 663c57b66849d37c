package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.document.DocumentNode;
import io.governor.schemas.document.InvalidDocumentException;
import io.governor.schemas.event.Priority;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the fields of one account policy into an {@link AccountPolicy}. Each field is a {@link DocumentNode}
 * that remembers where it was written, so after {@code defaults} were merged in, an error still points at
 * {@code defaults.safety} or {@code accounts.nsw.safety}, whichever the bad value came from.
 * Sections left out but switched on ({@code adaptive: {}}) take the values of the contract's example.
 */
final class AccountPolicyReader {
    static final Set<String> ACCOUNT_KEYS = Set.of("limits", "safety", "pacing", "jitter", "concurrency", "lease",
            "validity", "queue", "priorities", "tenants", "job", "lanes", "adaptive", "retry", "circuit",
            "forbidden", "alerts", "executor");
    private static final Set<String> LIMIT_KEYS = Set.of("max", "per", "calendar", "zone");

    private final Map<String, DocumentNode> fields;
    private final AccountPolicy base;

    private AccountPolicyReader(Map<String, DocumentNode> fields, AccountPolicy base) {
        this.fields = fields;
        this.base = base;
    }

    /**
     * The policy made of {@code fields} (top-level keys already checked), taking every field they lack from
     * {@code base} (or the record's defaults when null). {@code where} is the account's own node, used for
     * errors about fields that appear nowhere (a missing {@code limits}).
     */
    static AccountPolicy read(Map<String, DocumentNode> fields, AccountPolicy base, DocumentNode where) {
        return new AccountPolicyReader(fields, base).read(where);
    }

    /** The account's fields over the defaults' fields: the account wins key by key. */
    static Map<String, DocumentNode> merge(Map<String, DocumentNode> defaults, Map<String, DocumentNode> account) {
        Map<String, DocumentNode> merged = new LinkedHashMap<>(defaults);
        merged.putAll(account);
        return merged;
    }

    private AccountPolicy read(DocumentNode where) {
        List<LimitSpec> limits = field("limits", AccountPolicyReader::limits, AccountPolicy::limits);
        double safety = orElse(field("safety", DocumentNode::number, AccountPolicy::safety), 1.0);
        Pacing pacing = field("pacing", n -> n.oneOf(Pacing.class, false), AccountPolicy::pacing);
        Duration jitter = field("jitter", DocumentNode::duration, AccountPolicy::jitter);
        Integer concurrency = field("concurrency", DocumentNode::smallWholeNumber, AccountPolicy::concurrency);
        Duration lease = field("lease", DocumentNode::positiveDuration, AccountPolicy::lease);
        Duration validity = field("validity", DocumentNode::positiveDuration, AccountPolicy::validity);
        QueueSpec queue = field("queue", AccountPolicyReader::queue, AccountPolicy::queue);
        Map<Priority, Double> priorities = field("priorities", AccountPolicyReader::priorities, AccountPolicy::priorities);
        TenantSpec tenants = field("tenants", AccountPolicyReader::tenants, AccountPolicy::tenants);
        JobSpec job = field("job", AccountPolicyReader::job, AccountPolicy::job);
        LaneSpec lanes = field("lanes", AccountPolicyReader::lanes, AccountPolicy::lanes);
        AdaptiveSpec adaptive = field("adaptive", AccountPolicyReader::adaptive, AccountPolicy::adaptive);
        RetrySpec retry = field("retry", AccountPolicyReader::retry, AccountPolicy::retry);
        CircuitSpec circuit = field("circuit", AccountPolicyReader::circuit, AccountPolicy::circuit);
        ForbiddenSpec forbidden = field("forbidden", AccountPolicyReader::forbidden, AccountPolicy::forbidden);
        AlertSpec alerts = field("alerts", AccountPolicyReader::alerts, AccountPolicy::alerts);
        ExecutorSpec executor = field("executor", AccountPolicyReader::executor, AccountPolicy::executor);
        try {
            return new AccountPolicy(limits, safety, pacing, jitter, concurrency, lease, validity, queue, priorities,
                    tenants, job, lanes, adaptive, retry, circuit, forbidden, alerts, executor);
        } catch (InvalidFieldException e) {
            throw blame(e, where);
        }
    }

    private <T> T field(String key, Function<DocumentNode, T> read, Function<AccountPolicy, T> inherited) {
        DocumentNode node = fields.get(key);
        if (node != null) {
            return read.apply(node);
        }
        return base == null ? null : inherited.apply(base);
    }

    /** An error of the whole policy, placed at the field (account's or defaults') it concerns. */
    private InvalidDocumentException blame(InvalidFieldException e, DocumentNode where) {
        String field = e.field();
        int end = 0;
        while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
            end++;
        }
        DocumentNode owner = fields.get(field.substring(0, end));
        if (owner == null) {
            return where.at(e);
        }
        String rest = field.substring(end);
        String path = owner.path() + rest;
        return new InvalidDocumentException(owner.file(), path, e.problem(), e);
    }

    private static <T> T orElse(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    static List<LimitSpec> limits(DocumentNode node) {
        return node.list(AccountPolicyReader::limit);
    }

    static LimitSpec limit(DocumentNode node) {
        node.mapping(LIMIT_KEYS);
        long max = node.require("max").wholeNumber();
        Duration per = node.require("per").duration();
        boolean calendar = orElse(node.optional("calendar", DocumentNode::bool), false);
        var zone = node.optional("zone", DocumentNode::zone);
        return node.build(() -> new LimitSpec(max, per, calendar, zone));
    }

    private static QueueSpec queue(DocumentNode node) {
        node.mapping(Set.of("max"));
        int max = node.require("max").smallWholeNumber();
        return node.build(() -> new QueueSpec(max));
    }

    private static Map<Priority, Double> priorities(DocumentNode node) {
        var shares = new EnumMap<Priority, Double>(Priority.class);
        node.mapping().forEach((name, share) -> {
            Priority p = Arrays.stream(Priority.values()).filter(v -> v.name().equals(name)).findFirst()
                    .orElseThrow(() -> share.problem("unknown priority \"" + name + "\" (use "
                            + Arrays.stream(Priority.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")"));
            shares.put(p, share.number());
        });
        return shares;
    }

    private static TenantSpec tenants(DocumentNode node) {
        node.mapping(Set.of("limits", "fair", "weights"));
        List<LimitSpec> limits = node.optional("limits", AccountPolicyReader::limits);
        boolean fair = orElse(node.optional("fair", DocumentNode::bool), false);
        Map<String, Double> weights = node.optional("weights", AccountPolicyReader::numbersByName);
        return node.build(() -> new TenantSpec(limits, fair, weights));
    }

    private static Map<String, Double> numbersByName(DocumentNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        node.mapping().forEach((k, v) -> out.put(k, v.number()));
        return out;
    }

    private static JobSpec job(DocumentNode node) {
        node.mapping(Set.of("maxCalls"));
        int maxCalls = node.require("maxCalls").smallWholeNumber();
        return node.build(() -> new JobSpec(maxCalls));
    }

    private static LaneSpec lanes(DocumentNode node) {
        node.mapping(Set.of("members", "limits"));
        List<String> members = node.require("members").list(DocumentNode::name);
        List<LimitSpec> limits = node.optional("limits", AccountPolicyReader::limits);
        return node.build(() -> new LaneSpec(members, limits));
    }

    private static AdaptiveSpec adaptive(DocumentNode node) {
        node.mapping(Set.of("decrease", "increase", "floor", "every"));
        double decrease = orElse(node.optional("decrease", DocumentNode::number), 0.67);
        double increase = orElse(node.optional("increase", DocumentNode::number), 0.05);
        double floor = orElse(node.optional("floor", DocumentNode::number), 0.1);
        Duration every = orElse(node.optional("every", DocumentNode::positiveDuration), Duration.ofSeconds(30));
        return node.build(() -> new AdaptiveSpec(decrease, increase, floor, every));
    }

    private static RetrySpec retry(DocumentNode node) {
        node.mapping(Set.of("maxAttempts", "backoff", "multiplier", "maxBackoff", "jitter"));
        int maxAttempts = orElse(node.optional("maxAttempts", DocumentNode::smallWholeNumber), 3);
        Duration backoff = orElse(node.optional("backoff", DocumentNode::duration), Duration.ofSeconds(2));
        double multiplier = orElse(node.optional("multiplier", DocumentNode::number), 2.0);
        Duration maxBackoff = node.optional("maxBackoff", DocumentNode::duration);
        Duration cap = maxBackoff != null ? maxBackoff : max(backoff, Duration.ofSeconds(60));
        double[] jitter = orElse(node.optional("jitter", AccountPolicyReader::jitter), new double[] {0.9, 1.6});
        return node.build(() -> new RetrySpec(maxAttempts, backoff, multiplier, cap, jitter[0], jitter[1]));
    }

    private static double[] jitter(DocumentNode node) {
        List<DocumentNode> parts = node.list();
        if (parts.size() != 2) {
            throw node.problem("must be a list [min, max] of two numbers, had " + parts.size());
        }
        return new double[] {parts.get(0).number(), parts.get(1).number()};
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static CircuitSpec circuit(DocumentNode node) {
        node.mapping(Set.of("consecutiveFailures", "errorRate", "window", "minCalls", "cooldown", "halfOpenProbes"));
        int failures = orElse(node.optional("consecutiveFailures", DocumentNode::smallWholeNumber), 5);
        double errorRate = orElse(node.optional("errorRate", DocumentNode::number), 0.05);
        Duration window = orElse(node.optional("window", DocumentNode::positiveDuration), Duration.ofMinutes(2));
        int minCalls = orElse(node.optional("minCalls", DocumentNode::smallWholeNumber), 20);
        Duration cooldown = orElse(node.optional("cooldown", DocumentNode::duration), Duration.ofSeconds(60));
        int probes = orElse(node.optional("halfOpenProbes", DocumentNode::smallWholeNumber), 2);
        return node.build(() -> new CircuitSpec(failures, errorRate, window, minCalls, cooldown, probes));
    }

    private static ForbiddenSpec forbidden(DocumentNode node) {
        node.mapping(Set.of("pause"));
        Duration pause = orElse(node.optional("pause", DocumentNode::duration), ForbiddenSpec.DEFAULT.pause());
        return node.build(() -> new ForbiddenSpec(pause));
    }

    private static AlertSpec alerts(DocumentNode node) {
        node.mapping(Set.of("quota", "rateLimitedRatio", "errorRatio"));
        List<Double> quota = node.optional("quota", q -> q.list(DocumentNode::number));
        Double rateLimited = node.optional("rateLimitedRatio", DocumentNode::number);
        Double errors = node.optional("errorRatio", DocumentNode::number);
        return node.build(() -> new AlertSpec(quota, rateLimited, errors));
    }

    private static ExecutorSpec executor(DocumentNode node) {
        node.mapping(Set.of("allow", "timeout", "headers"));
        List<String> allow = node.optional("allow", a -> a.list(DocumentNode::text));
        Duration timeout = node.optional("timeout", DocumentNode::positiveDuration);
        Map<String, String> headers = node.optional("headers", h -> {
            Map<String, String> out = new LinkedHashMap<>();
            h.mapping().forEach((k, v) -> out.put(k, v.text()));
            return out;
        });
        return node.build(() -> new ExecutorSpec(allow, timeout, headers));
    }
}
