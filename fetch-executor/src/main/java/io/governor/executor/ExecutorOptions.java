package io.governor.executor;

import io.governor.executor.call.CallSettings;
import io.governor.executor.kafka.DeliveryMode;
import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.kafka.GovernorTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Options of {@code ./governor executor}. {@code concurrency} caps calls in progress in this process (and permits
 * taken ahead of them), {@code maxBody} the body bytes kept in a Result, {@code grace} the wait for calls in
 * progress on SIGTERM; {@code atLeastOnce} switches from at-most-once delivery (see {@link DeliveryMode}).
 */
public record ExecutorOptions(String bootstrap, Path policy, int concurrency, int maxBody, Duration grace,
                              boolean atLeastOnce, String groupId, String topicsPrefix) {
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    public static final String DEFAULT_GROUP_ID = "governor-executor";

    public ExecutorOptions {
        if (bootstrap == null || bootstrap.isBlank() || !bootstrap.contains(":")) {
            throw new InvalidFieldException("bootstrap", "must be HOST:PORT[,HOST:PORT...], was \"" + bootstrap + "\"");
        }
        if (policy == null) {
            throw new InvalidFieldException("policy", "a policy file is required");
        }
        if (concurrency < 1) {
            throw new InvalidFieldException("concurrency", "must be >= 1, was " + concurrency);
        }
        if (maxBody < 0) {
            throw new InvalidFieldException("maxBody", "must be >= 0 bytes, was " + maxBody);
        }
        grace = grace == null ? DEFAULT_GRACE : grace;
        if (grace.isNegative()) {
            throw new InvalidFieldException("grace", "must be a duration >= 0, was " + grace);
        }
        groupId = groupId == null ? DEFAULT_GROUP_ID : groupId;
        if (groupId.isBlank()) {
            throw new InvalidFieldException("groupId", "must not be blank");
        }
        topicsPrefix = new GovernorTopics(topicsPrefix).prefix();
    }

    /** The defaults: concurrency 64, 1 MiB bodies, 30 s grace, at-most-once, group {@value #DEFAULT_GROUP_ID}. */
    public static ExecutorOptions of(String bootstrap, Path policy) {
        return new ExecutorOptions(bootstrap, policy, CallSettings.DEFAULT_CONCURRENCY, CallSettings.DEFAULT_MAX_BODY,
                DEFAULT_GRACE, false, DEFAULT_GROUP_ID, GovernorTopics.DEFAULT_PREFIX);
    }

    public DeliveryMode delivery() {
        return atLeastOnce ? DeliveryMode.AT_LEAST_ONCE : DeliveryMode.AT_MOST_ONCE;
    }

    public GovernorTopics topics() {
        return new GovernorTopics(topicsPrefix);
    }

    /**
     * Reads a byte size for {@code --max-body}: a plain number of bytes or one with a unit, {@code 512KB},
     * {@code 10MB}, {@code 1GB} (binary multiples: 1KB = 1024 bytes).
     */
    public static int parseByteSize(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException(field, "must be a size such as 1048576, 512KB or 10MB, was \"" + text + "\"");
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        long multiplier = 1;
        for (String[] unit : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (t.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                t = t.substring(0, t.length() - unit[0].length()).trim();
                break;
            }
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(t), multiplier);
            if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
                throw new InvalidFieldException(field, "must be between 0 and 2GB, was \"" + text + "\"");
            }
            return (int) bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidFieldException(field, "must be a size such as 1048576, 512KB or 10MB, was \"" + text + "\"");
        }
    }
}
