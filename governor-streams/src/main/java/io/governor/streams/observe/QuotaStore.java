package io.governor.streams.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.json.GovernorJson;
import java.util.List;

/**
 * The queryable store of each hosted account's latest snapshots: account → JSON array (the account's snapshot,
 * then one per lane), the very text {@code /quotas/{account}} answers. It is a cache rewritten every metrics
 * interval, so it keeps no changelog: after a fail-over the new owner has it back within one interval.
 */
public final class QuotaStore {
    public static final String STORE = "governor-quotas";
    private static final TypeReference<List<QuotaSnapshot>> LIST = new TypeReference<>() {
    };

    private QuotaStore() {
    }

    public static String encode(List<QuotaSnapshot> snapshots) {
        try {
            return GovernorJson.mapper().writeValueAsString(snapshots);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write snapshots as JSON", e);
        }
    }

    public static List<QuotaSnapshot> decode(String json) {
        try {
            return GovernorJson.mapper().readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON array of QuotaSnapshots: " + e.getOriginalMessage(), e);
        }
    }
}
