package io.governor.streams.store;

import io.governor.core.queue.PendingIntents;
import io.governor.core.queue.WaitingIntent;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link PendingIntents} over the state store: {@code P|intentId} → intent. */
final class StorePendingIntents extends StoreIntentTable<WaitingIntent> implements PendingIntents {
    StorePendingIntents(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters) {
        super(store, keys, counters, AccountKeys.PENDING, "pending", WaitingIntent::id, StoreCodec::waiting,
                StoreCodec::waiting);
    }
}
