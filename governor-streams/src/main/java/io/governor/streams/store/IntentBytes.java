package io.governor.streams.store;

import io.governor.core.window.VarInts;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of an {@link Intent} inside stored values: a varint bit set of the optional fields present, then
 * the fields in record order. Texts are a varint byte length and UTF-8; instants are fixed 8-byte longs (a producer
 * may send any long, which a varint cannot hold). Only {@link StoreCodec} frames it (with the version byte).
 */
final class IntentBytes {
    private static final int TENANT = 1;
    private static final int LANE = 1 << 1;
    private static final int JOB = 1 << 2;
    private static final int NOT_BEFORE = 1 << 3;
    private static final int DEADLINE = 1 << 4;
    private static final int MAX_ATTEMPTS = 1 << 5;
    private static final int REPLY_TO = 1 << 6;
    private static final int REQUEST = 1 << 7;
    private static final int CREATED_AT = 1 << 8;
    private static final int URL = 1 << 9;
    private static final int BODY = 1 << 10;
    private static final int METHOD = 1 << 11;

    private IntentBytes() {
    }

    static void write(DataOutput out, Intent i) throws IOException {
        HttpRequest r = i.request();
        int present = (i.tenant() != null ? TENANT : 0) | (i.lane() != null ? LANE : 0) | (i.job() != null ? JOB : 0)
                | (i.notBefore() != null ? NOT_BEFORE : 0) | (i.deadline() != null ? DEADLINE : 0)
                | (i.maxAttempts() != null ? MAX_ATTEMPTS : 0) | (i.replyTo() != null ? REPLY_TO : 0)
                | (r != null ? REQUEST : 0) | (i.createdAt() != null ? CREATED_AT : 0)
                | (r != null && r.url() != null ? URL : 0) | (r != null && r.body() != null ? BODY : 0)
                | (r != null && r.method() != null ? METHOD : 0);
        VarInts.write(out, present);
        text(out, i.id());
        text(out, i.account());
        if (i.tenant() != null) {
            text(out, i.tenant());
        }
        if (i.lane() != null) {
            text(out, i.lane());
        }
        out.writeByte(i.priority().ordinal());
        VarInts.write(out, i.cost());
        if (i.job() != null) {
            text(out, i.job());
        }
        if (i.notBefore() != null) {
            out.writeLong(i.notBefore());
        }
        if (i.deadline() != null) {
            out.writeLong(i.deadline());
        }
        if (i.maxAttempts() != null) {
            VarInts.write(out, i.maxAttempts());
        }
        VarInts.write(out, i.fallbacks().size());
        for (String f : i.fallbacks()) {
            text(out, f);
        }
        if (i.replyTo() != null) {
            text(out, i.replyTo());
        }
        if (r != null) {
            if (r.method() != null) {
                text(out, r.method());
            }
            if (r.url() != null) {
                text(out, r.url());
            }
            map(out, r.headers());
            if (r.body() != null) {
                text(out, r.body());
            }
        }
        map(out, i.attributes());
        if (i.createdAt() != null) {
            out.writeLong(i.createdAt());
        }
    }

    static Intent read(DataInput in) throws IOException {
        int present = (int) VarInts.read(in);
        String id = text(in);
        String account = text(in);
        String tenant = (present & TENANT) != 0 ? text(in) : null;
        String lane = (present & LANE) != 0 ? text(in) : null;
        Priority priority = Priority.values()[in.readUnsignedByte()];
        int cost = (int) VarInts.read(in);
        String job = (present & JOB) != 0 ? text(in) : null;
        Long notBefore = (present & NOT_BEFORE) != 0 ? in.readLong() : null;
        Long deadline = (present & DEADLINE) != 0 ? in.readLong() : null;
        Integer maxAttempts = (present & MAX_ATTEMPTS) != 0 ? (int) VarInts.read(in) : null;
        int n = (int) VarInts.read(in);
        List<String> fallbacks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            fallbacks.add(text(in));
        }
        String replyTo = (present & REPLY_TO) != 0 ? text(in) : null;
        HttpRequest request = null;
        if ((present & REQUEST) != 0) {
            String method = (present & METHOD) != 0 ? text(in) : null;
            String url = (present & URL) != 0 ? text(in) : null;
            Map<String, String> headers = map(in);
            String body = (present & BODY) != 0 ? text(in) : null;
            request = new HttpRequest(method, url, headers, body);
        }
        Map<String, String> attributes = map(in);
        Long createdAt = (present & CREATED_AT) != 0 ? in.readLong() : null;
        return new Intent(id, account, tenant, lane, priority, cost, job, notBefore, deadline, maxAttempts, fallbacks,
                replyTo, request, attributes, createdAt);
    }

    static void text(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        VarInts.write(out, b.length);
        out.write(b);
    }

    static String text(DataInput in) throws IOException {
        byte[] b = new byte[(int) VarInts.read(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }


    private static void map(DataOutput out, Map<String, String> m) throws IOException {
        VarInts.write(out, m.size());
        for (var e : m.entrySet()) {
            text(out, e.getKey());
            text(out, e.getValue());
        }
    }

    private static Map<String, String> map(DataInput in) throws IOException {
        int n = (int) VarInts.read(in);
        if (n == 0) {
            return Map.of();
        }
        Map<String, String> m = new HashMap<>(n * 2);
        for (int k = 0; k < n; k++) {
            m.put(text(in), text(in));
        }
        return m;
    }
}
