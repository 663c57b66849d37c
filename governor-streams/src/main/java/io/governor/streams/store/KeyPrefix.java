package io.governor.streams.store;

import java.util.Arrays;
import java.util.NavigableMap;
import org.apache.kafka.common.utils.Bytes;

/** The keys that start with a prefix, as a key range of an ordered byte store or map. */
final class KeyPrefix {
    private KeyPrefix() {
    }

    /** The least key above every key with {@code prefix}; null if there is none (the prefix is all 0xFF). */
    static Bytes end(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (++end[i] != 0) {
                return Bytes.wrap(Arrays.copyOf(end, i + 1));
            }
        }
        return null;
    }

    /** Whether {@code key} starts with {@code prefix}. */
    static boolean starts(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The entries of {@code map} whose keys start with {@code prefix}. */
    static <V> NavigableMap<Bytes, V> of(NavigableMap<Bytes, V> map, byte[] prefix) {
        Bytes end = end(prefix);
        Bytes from = Bytes.wrap(prefix);
        return end == null ? map.tailMap(from, true) : map.subMap(from, true, end, false);
    }
}
