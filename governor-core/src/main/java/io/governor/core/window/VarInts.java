package io.governor.core.window;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Unsigned LEB128 varints: window states are mostly small deltas, so this keeps them a few bytes each. */
public final class VarInts {
    private VarInts() {
    }

    public static void write(DataOutput out, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be >= 0, was " + value);
        }
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    public static long read(DataInput in) throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("malformed varint");
    }
}
