package io.governor.bench.e2e;

import io.governor.schemas.event.Permit;
import io.governor.schemas.json.GovernorJson;
import java.nio.charset.StandardCharsets;

/**
 * The harness names intent i {@code "i<i>"}; the consumer finds i in a permit's JSON by scanning for the
 * {@code intentId} field instead of decoding the whole permit, so the measuring consumer takes as little of
 * the shared CPU as it can. Falls back to a full decode if the field is not written as expected.
 */
final class IntentIds {
    private static final byte[] FIELD = "\"intentId\":\"i".getBytes(StandardCharsets.UTF_8);

    private IntentIds() {
    }

    static int sequenceOf(byte[] permitJson) {
        int at = indexOf(permitJson);
        if (at < 0) {
            String id = GovernorJson.decode(permitJson, Permit.class).intentId();
            return Integer.parseInt(id.substring(1));
        }
        int v = 0;
        for (int i = at + FIELD.length; i < permitJson.length && permitJson[i] != '"'; i++) {
            v = v * 10 + (permitJson[i] - '0');
        }
        return v;
    }

    private static int indexOf(byte[] s) {
        outer:
        for (int i = 0; i + FIELD.length <= s.length; i++) {
            for (int j = 0; j < FIELD.length; j++) {
                if (s[i + j] != FIELD[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
