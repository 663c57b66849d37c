package io.governor.schemas.kafka;

import io.governor.schemas.InvalidFieldException;
import java.util.List;

/**
 * Names of the contract topics under one prefix (default {@code governor.}), so several governors can share
 * a cluster. Keys are the account everywhere; see the contract for who writes and reads each topic.
 */
public record GovernorTopics(String prefix) {
    public static final String DEFAULT_PREFIX = "governor.";

    public GovernorTopics {
        prefix = prefix == null ? DEFAULT_PREFIX : prefix;
        if (!prefix.matches("[a-zA-Z0-9._-]*")) {
            throw new InvalidFieldException("prefix", "topic names allow only letters, digits, '.', '_' and '-', was \""
                    + prefix + "\"");
        }
        if (prefix.length() > 200) {
            throw new InvalidFieldException("prefix", "must be at most 200 characters, was " + prefix.length());
        }
    }

    public static GovernorTopics defaults() {
        return new GovernorTopics(DEFAULT_PREFIX);
    }

    public String intents() {
        return prefix + "intents";
    }

    public String permits() {
        return prefix + "permits";
    }

    public String deferred() {
        return prefix + "deferred";
    }

    public String rejected() {
        return prefix + "rejected";
    }

    public String outcomes() {
        return prefix + "outcomes";
    }

    public String results() {
        return prefix + "results";
    }

    public String metrics() {
        return prefix + "metrics";
    }

    public String alerts() {
        return prefix + "alerts";
    }

    /** Compacted: the latest policy per account wins, a tombstone deletes it. */
    public String policies() {
        return prefix + "policies";
    }

    public String dlq() {
        return prefix + "dlq";
    }

    /** Every contract topic, in the contract's order. */
    public List<String> all() {
        return List.of(intents(), permits(), deferred(), rejected(), outcomes(), results(), metrics(), alerts(),
                policies(), dlq());
    }

    /** True for topics whose cleanup policy is compaction. */
    public boolean isCompacted(String topic) {
        return policies().equals(topic);
    }
}
