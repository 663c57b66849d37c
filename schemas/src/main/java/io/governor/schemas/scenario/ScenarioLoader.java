package io.governor.schemas.scenario;

import io.governor.schemas.document.DocumentNode;
import io.governor.schemas.document.DocumentText;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads simulator scenarios (YAML or JSON) with the policy loader's rules and error style
 * ({@code <file>: <path>: <problem>}, unknown keys rejected). A {@code policy} given as a path and
 * {@code trace} files are resolved against the scenario file's folder.
 */
public final class ScenarioLoader {
    /** When a scenario gives no {@code start}: the epoch, 1970-01-01T00:00:00Z. */
    public static final OffsetDateTime DEFAULT_START = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final Set<String> KEYS =
            Set.of("name", "seed", "start", "duration", "policy", "upstream", "traffic", "$schema");
    private static final Set<String> UPSTREAM_KEYS = Set.of("limits", "perLane", "algorithm", "latency", "errorRate",
            "outages", "banAfterViolations", "banFor", "deadLanes");
    private static final Set<String> ENTRY_KEYS = Set.of("account", "backlog", "rate", "shape", "burstEvery",
            "burstSize", "trace", "tenant", "lane", "priority", "cost", "job", "notBefore", "deadline", "maxAttempts",
            "fallbacks", "attributes", "request");

    private ScenarioLoader() {
    }

    /** Reads a scenario file; its folder is the base of relative paths inside it. */
    public static Scenario load(Path file) {
        Path base = file.toAbsolutePath().getParent();
        return read(DocumentText.read(file), stem(file.getFileName().toString()), base);
    }

    /** Reads scenario text; relative paths inside resolve against {@code baseDir}. */
    public static Scenario parse(String sourceName, String text, Path baseDir) {
        return read(DocumentText.parse(sourceName, text), stem(Path.of(sourceName).getFileName().toString()), baseDir);
    }

    private static Scenario read(DocumentNode root, String defaultName, Path baseDir) {
        root.mapping(KEYS);
        String name = root.optional("name", DocumentNode::name);
        long seed = orElse(root.optional("seed", DocumentNode::wholeNumber), 0L);
        OffsetDateTime start = orElse(root.optional("start", ScenarioLoader::timestamp), DEFAULT_START);
        Duration duration = root.require("duration").positiveDuration();
        PolicyDocument policy = policy(root.require("policy"), baseDir);
        Map<String, UpstreamSpec> upstream = new LinkedHashMap<>();
        DocumentNode upstreamNode = root.get("upstream");
        if (upstreamNode != null) {
            upstreamNode.mapping().forEach((account, node) -> upstream.put(account, upstream(node)));
        }
        List<TrafficSpec> traffic = root.require("traffic").list(n -> traffic(n, baseDir));
        return root.build(() -> new Scenario(name == null ? defaultName : name, seed, start, duration, policy,
                upstream, traffic));
    }

    private static OffsetDateTime timestamp(DocumentNode node) {
        String text = node.text();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw node.problem("\"" + text + "\" is not a timestamp with an offset "
                    + "(use 2026-01-05T09:00:00-03:00 or 2026-01-05T12:00:00Z)");
        }
    }

    private static PolicyDocument policy(DocumentNode node, Path baseDir) {
        if (node.isMapping()) {
            return PolicyLoader.read(node);
        }
        String given = node.name();
        Path file = baseDir.resolve(given).normalize();
        if (!Files.isRegularFile(file)) {
            throw node.problem("no policy file \"" + given + "\" (looked for " + file + ")");
        }
        return PolicyLoader.load(file);
    }

    private static UpstreamSpec upstream(DocumentNode node) {
        node.mapping(UPSTREAM_KEYS);
        List<LimitSpec> limits = node.optional("limits", l -> l.list(PolicyLoader::limit));
        boolean perLane = orElse(node.optional("perLane", DocumentNode::bool), false);
        UpstreamAlgorithm algorithm = node.optional("algorithm", a -> a.oneOf(UpstreamAlgorithm.class, false));
        LatencySpec latency = node.optional("latency", ScenarioLoader::latency);
        double errorRate = orElse(node.optional("errorRate", DocumentNode::number), 0.0);
        List<OutageSpec> outages = node.optional("outages", o -> o.list(ScenarioLoader::outage));
        Integer banAfter = node.optional("banAfterViolations", DocumentNode::smallWholeNumber);
        Duration banFor = node.optional("banFor", DocumentNode::duration);
        List<String> deadLanes = node.optional("deadLanes", d -> d.list(DocumentNode::text));
        return node.build(() -> new UpstreamSpec(limits, perLane, algorithm, latency, errorRate, outages, banAfter, banFor,
                deadLanes));
    }

    private static LatencySpec latency(DocumentNode node) {
        node.mapping(Set.of("p50", "p99"));
        Duration p50 = node.require("p50").duration();
        Duration p99 = orElse(node.optional("p99", DocumentNode::duration), p50);
        return node.build(() -> new LatencySpec(p50, p99));
    }

    private static OutageSpec outage(DocumentNode node) {
        node.mapping(Set.of("from", "to", "status"));
        Duration from = node.require("from").duration();
        Duration to = node.require("to").duration();
        int status = orElse(node.optional("status", DocumentNode::smallWholeNumber), OutageSpec.DEFAULT_STATUS);
        return node.build(() -> new OutageSpec(from, to, status));
    }

    private static TrafficSpec traffic(DocumentNode node, Path baseDir) {
        Map<String, DocumentNode> keys = node.mapping(ENTRY_KEYS);
        long sources = keys.keySet().stream().filter(k -> k.equals("backlog") || k.equals("rate") || k.equals("trace"))
                .count();
        if (sources != 1) {
            throw node.problem("needs exactly one of backlog, rate, trace (had " + sources + ")");
        }
        if (keys.containsKey("trace")) {
            node.mapping(Set.of("trace"));
            DocumentNode trace = node.require("trace");
            Path file = baseDir.resolve(trace.name()).normalize();
            if (!Files.isRegularFile(file)) {
                throw trace.problem("no trace file \"" + trace.text() + "\" (looked for " + file + ")");
            }
            return new TraceTraffic(file);
        }
        String account = node.require("account").name();
        IntentTemplate template = template(node);
        if (keys.containsKey("backlog")) {
            for (String k : List.of("shape", "burstEvery", "burstSize")) {
                if (keys.containsKey(k)) {
                    throw keys.get(k).problem("only rate traffic has a " + k);
                }
            }
            long count = node.require("backlog").wholeNumber();
            return node.build(() -> new BacklogTraffic(account, count, template));
        }
        DocumentNode rateNode = node.require("rate");
        Rate rate = rateNode.build(() -> Rate.parse(rateNode.text()));
        TrafficShape shape = node.optional("shape", s -> s.oneOf(TrafficShape.class, false));
        Duration burstEvery = node.optional("burstEvery", DocumentNode::duration);
        Integer burstSize = node.optional("burstSize", DocumentNode::smallWholeNumber);
        return node.build(() -> new RateTraffic(account, rate, shape, burstEvery, burstSize, template));
    }

    private static IntentTemplate template(DocumentNode node) {
        String tenant = node.optional("tenant", DocumentNode::name);
        String lane = node.optional("lane", DocumentNode::name);
        Priority priority = node.optional("priority", p -> p.oneOf(Priority.class, true));
        Integer cost = node.optional("cost", DocumentNode::smallWholeNumber);
        String job = node.optional("job", DocumentNode::name);
        Duration notBefore = node.optional("notBefore", DocumentNode::duration);
        Duration deadline = node.optional("deadline", DocumentNode::duration);
        Integer maxAttempts = node.optional("maxAttempts", DocumentNode::smallWholeNumber);
        List<String> fallbacks = node.optional("fallbacks", f -> f.list(DocumentNode::name));
        Map<String, String> attributes = node.optional("attributes", ScenarioLoader::strings);
        HttpRequest request = node.optional("request", ScenarioLoader::request);
        return node.build(() -> new IntentTemplate(tenant, lane, priority, cost, job, notBefore, deadline, maxAttempts,
                fallbacks, attributes, request));
    }

    private static HttpRequest request(DocumentNode node) {
        node.mapping(Set.of("method", "url", "headers", "body"));
        return new HttpRequest(node.optional("method", DocumentNode::name), node.optional("url", DocumentNode::text),
                node.optional("headers", ScenarioLoader::strings), node.optional("body", DocumentNode::text));
    }

    private static Map<String, String> strings(DocumentNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.mapping().forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static <T> T orElse(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
