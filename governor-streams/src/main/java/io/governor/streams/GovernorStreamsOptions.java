package io.governor.streams;

import io.governor.schemas.InvalidFieldException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How one governor instance runs. Validated at construction: every message names the option.
 *
 * @param bootstrap        Kafka bootstrap servers
 * @param applicationId    Streams application id (instances with the same id share the accounts)
 * @param stateDir         where RocksDB state stores live
 * @param topicPrefix      prefix of every contract topic (default {@code governor.})
 * @param lookahead        how far ahead of now a permit's notBefore is set, so executors hold it in time;
 *                         at least the commit interval plus transport
 * @param commitInterval   Streams commit interval; with exactly-once it bounds the permit latency
 * @param tick             how often waiting intents are checked for release
 * @param dedupRetention   how long an intent id is remembered for DUPLICATE
 * @param standbyReplicas  warm copies of each task's stores on other instances, for fast fail-over
 * @param exactlyOnce      exactly_once_v2 (default) or at_least_once
 * @param partitions       partitions for topics this instance creates when they are missing
 * @param replication      replication factor for topics this instance creates
 * @param metricsInterval  how often each account's QuotaSnapshot is published (also on every circuit change)
 * @param httpPort         port of the instance's HTTP endpoint (/metrics, /health, /quotas); 0 picks a free
 *                         one, {@link #HTTP_OFF} (-1) serves nothing
 * @param advertisedHost   how other instances reach this one's HTTP endpoint (Streams' application.server)
 */
public record GovernorStreamsOptions(
        String bootstrap,
        String applicationId,
        Path stateDir,
        String topicPrefix,
        Duration lookahead,
        Duration commitInterval,
        Duration tick,
        Duration dedupRetention,
        int standbyReplicas,
        boolean exactlyOnce,
        int partitions,
        short replication,
        Duration metricsInterval,
        int httpPort,
        String advertisedHost) {

    public static final String DEFAULT_APPLICATION_ID = "governor";
    public static final String DEFAULT_TOPIC_PREFIX = "governor.";
    public static final int HTTP_OFF = -1;
    public static final String DEFAULT_ADVERTISED_HOST = "127.0.0.1";

    public GovernorStreamsOptions {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new InvalidFieldException("--bootstrap", "is required (HOST:PORT)");
        }
        applicationId = applicationId == null ? DEFAULT_APPLICATION_ID : applicationId;
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidFieldException("--application-id", "\"" + applicationId
                    + "\" may use only letters, digits, '.', '_' and '-'");
        }
        topicPrefix = topicPrefix == null ? DEFAULT_TOPIC_PREFIX : topicPrefix;
        lookahead = positive("--lookahead", lookahead, Duration.ofMillis(250));
        commitInterval = positive("--commit-interval", commitInterval, Duration.ofMillis(100));
        tick = positive("--tick", tick, Duration.ofMillis(20));
        dedupRetention = positive("--dedup-retention", dedupRetention, Duration.ofHours(24));
        if (lookahead.compareTo(commitInterval) < 0) {
            throw new InvalidFieldException("--lookahead", "must be at least --commit-interval ("
                    + commitInterval.toMillis() + "ms), or permits reach executors after they became valid");
        }
        if (standbyReplicas < 0) {
            throw new InvalidFieldException("--standby-replicas", "must be >= 0, was " + standbyReplicas);
        }
        if (partitions < 1) {
            throw new InvalidFieldException("--partitions", "must be >= 1, was " + partitions);
        }
        if (replication < 1) {
            throw new InvalidFieldException("--replication", "must be >= 1, was " + replication);
        }
        metricsInterval = positive("--metrics-interval", metricsInterval, Duration.ofSeconds(5));
        if (httpPort < HTTP_OFF || httpPort > 65_535) {
            throw new InvalidFieldException("--http-port", "must be 0..65535 (0 picks a free port) or -1 (off), was "
                    + httpPort);
        }
        advertisedHost = advertisedHost == null ? DEFAULT_ADVERTISED_HOST : advertisedHost;
        if (!advertisedHost.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw new InvalidFieldException("--advertised-host", "\"" + advertisedHost
                    + "\" is not a host name or address");
        }
    }

    /** Without metrics interval, HTTP endpoint or advertised host: metrics every 5 s, no HTTP endpoint. */
    public GovernorStreamsOptions(String bootstrap, String applicationId, Path stateDir, String topicPrefix,
                                  Duration lookahead, Duration commitInterval, Duration tick, Duration dedupRetention,
                                  int standbyReplicas, boolean exactlyOnce, int partitions, short replication) {
        this(bootstrap, applicationId, stateDir, topicPrefix, lookahead, commitInterval, tick, dedupRetention,
                standbyReplicas, exactlyOnce, partitions, replication, null, HTTP_OFF, null);
    }

    /** This instance's HTTP endpoint on {@code port} (0: a free one), reached by others at {@code host}. */
    public GovernorStreamsOptions withHttp(int port, String host) {
        return new GovernorStreamsOptions(bootstrap, applicationId, stateDir, topicPrefix, lookahead, commitInterval,
                tick, dedupRetention, standbyReplicas, exactlyOnce, partitions, replication, metricsInterval, port,
                host);
    }

    /** Snapshots every {@code interval} instead of the default 5 s. */
    public GovernorStreamsOptions withMetricsInterval(Duration interval) {
        return new GovernorStreamsOptions(bootstrap, applicationId, stateDir, topicPrefix, lookahead, commitInterval,
                tick, dedupRetention, standbyReplicas, exactlyOnce, partitions, replication, interval, httpPort,
                advertisedHost);
    }

    public boolean httpEnabled() {
        return httpPort != HTTP_OFF;
    }

    /** Defaults for everything but the broker address. */
    public static GovernorStreamsOptions defaults(String bootstrap) {
        return new GovernorStreamsOptions(bootstrap, null, null, null, null, null, null, null, 0, true, 3, (short) 1);
    }

    private static Duration positive(String option, Duration value, Duration fallback) {
        Duration d = value == null ? fallback : value;
        if (d.isZero() || d.isNegative()) {
            throw new InvalidFieldException(option, "must be a positive duration, was " + d);
        }
        return d;
    }
}
