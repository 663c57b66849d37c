package io.governor.core.admission;

import io.governor.core.window.VarInts;
import io.governor.core.window.Window;
import io.governor.core.window.WindowSet;
import io.governor.schemas.policy.AccountPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Versioned binary form of {@link AccountState} and of a tenant's {@link WindowSet}, for hosts that keep state
 * in a {@code KeyValueStore<String, byte[]>}. Decoding needs the account's {@link AdmissionPolicy}: the policy
 * gives the shape, the bytes the contents. Windows are matched by spec, so a state written under another policy
 * keeps the windows that still exist and starts the others empty.
 */
public final class AccountStateCodec {
    /**
     * 3 stores bounds per bucket of large rolling windows ({@link Window#LAYOUT_BUCKET_BOUNDS}); 2 appended the
     * feedback section (ignored outcomes, then each scope's feedback). 2 and 1 are still read.
     */
    static final int VERSION = 3;
    private static final int VERSION_WITHOUT_BUCKET_BOUNDS = 2;
    private static final int VERSION_WITHOUT_FEEDBACK = 1;
    /** Tenant window sets keep their own layout version: 2 with bucket bounds, 1 still read. */
    static final int TENANT_VERSION = 2;
    private static final int TENANT_VERSION_WITHOUT_BUCKET_BOUNDS = 1;

    private AccountStateCodec() {
    }

    public static byte[] toBytes(AccountState state) {
        try {
            var bytes = new ByteArrayOutputStream(192);
            var out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(state.lastNow);
            out.writeLong(state.lastNotBefore);
            VarInts.write(out, state.seq);
            out.writeLong(state.nextReleaseAt);
            VarInts.write(out, state.laneCursor);
            VarInts.write(out, state.inFlight);
            for (long c : state.fairClock) {
                VarInts.write(out, c);
            }
            state.account.writeState(out);
            VarInts.write(out, state.lanes.length);
            for (WindowSet lane : state.lanes) {
                lane.writeState(out);
            }
            VarInts.write(out, state.ignoredOutcomes);
            state.accountFeedback.writeState(out);
            for (var lane : state.laneFeedback) {
                lane.writeState(out);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state in {@code bytes}, or a fresh one when bytes is null. */
    public static AccountState fromBytes(AdmissionPolicy policy, byte[] bytes) {
        AccountState state = new AccountState(policy);
        if (bytes == null) {
            return state;
        }
        try {
            var in = new DataInputStream(new ByteArrayInputStream(bytes));
            int version = in.readUnsignedByte();
            if (version != VERSION && version != VERSION_WITHOUT_BUCKET_BOUNDS
                    && version != VERSION_WITHOUT_FEEDBACK) {
                throw new IllegalArgumentException("account state version " + version + " is not " + VERSION);
            }
            int layout = version >= VERSION ? Window.LAYOUT_BUCKET_BOUNDS : Window.LAYOUT_BUCKET_COUNTS;
            state.lastNow = in.readLong();
            state.lastNotBefore = in.readLong();
            state.seq = VarInts.read(in);
            state.nextReleaseAt = in.readLong();
            state.laneCursor = (int) VarInts.read(in);
            state.inFlight = VarInts.read(in);
            for (int p = 0; p < state.fairClock.length; p++) {
                state.fairClock[p] = VarInts.read(in);
            }
            state.account.readState(in, layout);
            int lanes = (int) VarInts.read(in);
            for (int i = 0; i < lanes && i < state.lanes.length; i++) {
                state.lanes[i].readState(in, layout);
            }
            if (version >= VERSION_WITHOUT_BUCKET_BOUNDS && lanes == state.lanes.length) { // lanes changed: feedback starts afresh
                state.ignoredOutcomes = VarInts.read(in);
                state.accountFeedback.readState(in);
                for (var lane : state.laneFeedback) {
                    lane.readState(in);
                }
            }
            AccountPolicy source = policy.source();
            state.accountFeedback.restore(state.account, source);
            for (int i = 0; i < state.lanes.length; i++) {
                state.laneFeedback[i].restore(state.lanes[i], source);
            }
            state.laneCursor = state.lanes.length == 0 ? 0 : state.laneCursor % state.lanes.length;
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt account state: " + e.getMessage(), e);
        }
    }

    /** Bytes of a tenant's window set (see {@link io.governor.core.tenant.TenantStates}). */
    public static byte[] windowSetToBytes(WindowSet set) {
        try {
            var bytes = new ByteArrayOutputStream(64);
            var out = new DataOutputStream(bytes);
            out.writeByte(TENANT_VERSION);
            set.writeState(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tenant's window set from bytes written by {@link #windowSetToBytes}. */
    public static WindowSet tenantSetFromBytes(AdmissionPolicy policy, String tenant, byte[] bytes) {
        WindowSet set = policy.newTenantSet(tenant);
        try {
            var in = new DataInputStream(new ByteArrayInputStream(bytes));
            int version = in.readUnsignedByte();
            if (version != TENANT_VERSION && version != TENANT_VERSION_WITHOUT_BUCKET_BOUNDS) {
                throw new IllegalArgumentException("tenant state version " + version + " is not "
                        + TENANT_VERSION);
            }
            set.readState(in, version >= TENANT_VERSION ? Window.LAYOUT_BUCKET_BOUNDS
                    : Window.LAYOUT_BUCKET_COUNTS);
            return set;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt tenant state: " + e.getMessage(), e);
        }
    }
}
