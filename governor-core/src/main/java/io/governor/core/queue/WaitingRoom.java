package io.governor.core.queue;

import io.governor.schemas.event.Priority;
import java.util.List;

/**
 * The intents of one account that may be permitted as soon as the limits allow, in FIFO groups
 * ({@link GroupKey}); each group carries a fair-queueing clock. The admission picks among group heads, so every
 * operation touches heads or one id: cost stays flat as the room grows to millions.
 *
 * <p>Recommended layout over ordered byte-keyed stores (Kafka Streams KeyValueStore, RocksDB), every key
 * prefixed by the account when the store is shared by accounts:
 * <ul>
 *   <li>intents: {@code priority(1B ordinal) | len(tenant) | tenant | len(lane) | lane | seq(8B big-endian)} →
 *       WaitingIntent. A prefix range scan of a group yields it in arrival order; its first key is the head and
 *       its last the newest.</li>
 *   <li>groups: {@code priority(1B) | len(tenant) | tenant | len(lane) | lane} → (fair clock, size); a prefix scan
 *       of one priority lists its non-empty groups.</li>
 *   <li>ids: {@code intentId} → intents key, for {@link #get} and {@link #remove}.</li>
 * </ul>
 */
public interface WaitingRoom {

    /** Adds at the tail of its group; a group that was empty starts with fair clock {@code clockIfNew}. */
    void append(WaitingIntent intent, long clockIfNew);

    /** Oldest intent of the group, or null when it is empty. */
    WaitingIntent head(GroupKey group);

    /** Non-empty groups of one priority, as a snapshot the caller may hold while removing. */
    List<GroupKey> groups(Priority priority);

    /** Fair clock of a non-empty group. */
    long clock(GroupKey group);

    void setClock(GroupKey group, long clock);

    /** The waiting intent with this id, or null. */
    WaitingIntent get(String intentId);

    /** Replaces a waiting intent with one of the same id and seq (e.g. a new lastReason). */
    void update(WaitingIntent intent);

    /** Removes and returns it, or null when absent; an emptied group is dropped with its clock. */
    WaitingIntent remove(String intentId);

    /** The newest (highest seq) intent of the priority, or null: the one SHED first. */
    WaitingIntent newest(Priority priority);

    int size();
}
