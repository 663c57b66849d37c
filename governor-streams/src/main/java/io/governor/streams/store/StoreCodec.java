package io.governor.streams.store;

import io.governor.core.decision.DeferReason;
import io.governor.core.feedback.Lease;
import io.governor.core.queue.WaitingIntent;
import io.governor.core.window.VarInts;
import io.governor.schemas.event.Intent;
import io.governor.schemas.json.GovernorJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Values of the state store that are objects rather than numbers: waiting intents and leases. Written in a
 * versioned binary form (a leading version byte, then {@link IntentBytes} and the record's own fields), because
 * JSON was a quarter of the governor's time. Stores written before hold JSON, whose first byte is always
 * {@code '{'}: those are still read.
 */
final class StoreCodec {
    static final int VERSION = 1;
    private static final int JSON = '{';

    private StoreCodec() {
    }

    static byte[] waiting(WaitingIntent w) {
        return encode(w.intent(), (out) -> {
            out.writeLong(w.seq());
            out.writeLong(w.arrivedAt());
            out.writeByte(w.lastReason() == null ? 0 : w.lastReason().ordinal() + 1);
            VarInts.write(out, w.attempt());
        });
    }

    static WaitingIntent waiting(byte[] bytes) {
        return decode(bytes, 0, WaitingIntent.class, "waiting intent", (intent, in) -> {
            long seq = in.readLong();
            long arrivedAt = in.readLong();
            int reason = in.readUnsignedByte();
            int attempt = (int) VarInts.read(in);
            return new WaitingIntent(intent, seq, arrivedAt, reason == 0 ? null : DeferReason.values()[reason - 1],
                    attempt);
        });
    }

    static byte[] lease(Lease lease) {
        return encode(lease.intent(), (out) -> {
            out.writeBoolean(lease.lane() != null);
            if (lease.lane() != null) {
                IntentBytes.text(out, lease.lane());
            }
            VarInts.write(out, lease.attempt());
            out.writeLong(lease.notBefore());
            out.writeLong(lease.leaseEnd());
            out.writeLong(lease.arrivedAt());
        });
    }

    static Lease lease(byte[] bytes) {
        return lease(bytes, 0);
    }

    /** A lease encoded from {@code offset} on, behind another field of the same value ({@link IntentIdRecords}). */
    static Lease lease(byte[] bytes, int offset) {
        return decode(bytes, offset, Lease.class, "lease", (intent, in) -> {
            String lane = in.readBoolean() ? IntentBytes.text(in) : null;
            int attempt = (int) VarInts.read(in);
            return new Lease(intent, lane, attempt, in.readLong(), in.readLong(), in.readLong());
        });
    }

    private interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(Intent intent, DataInputStream in) throws IOException;
    }

    private static byte[] encode(Intent intent, Fields fields) {
        try {
            var bytes = new ByteArrayOutputStream(128);
            var out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            IntentBytes.write(out, intent);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(byte[] bytes, int offset, Class<T> type, String what, Reader<T> reader) {
        if (bytes == null) {
            return null;
        }
        try {
            if (bytes.length > offset && bytes[offset] == JSON) {
                return GovernorJson.mapper().readValue(bytes, offset, bytes.length - offset, type);
            }
            var in = new DataInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException(what + " version " + version + " is not " + VERSION);
            }
            return reader.read(IntentBytes.read(in), in);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("corrupt " + what + " in the state store", e instanceof IOException io
                    ? io : new IOException(e));
        }
    }
}
