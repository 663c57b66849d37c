package io.governor.streams.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.governor.core.feedback.Lease;
import io.governor.core.queue.WaitingIntent;
import io.governor.schemas.json.GovernorJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Values of the state store that are objects rather than numbers: waiting intents and leases as JSON. */
final class StoreCodec {
    private StoreCodec() {
    }

    static byte[] waiting(WaitingIntent w) {
        try {
            return GovernorJson.mapper().writeValueAsBytes(w);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WaitingIntent waiting(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return GovernorJson.mapper().readValue(bytes, WaitingIntent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt waiting intent in the state store", e);
        }
    }

    static byte[] lease(Lease lease) {
        try {
            return GovernorJson.mapper().writeValueAsBytes(lease);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Lease lease(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return GovernorJson.mapper().readValue(bytes, Lease.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt lease in the state store", e);
        }
    }
}
