package io.governor.executor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {
    private static final TopicPartition P0 = new TopicPartition("governor.permits", 0);
    private static final TopicPartition P1 = new TopicPartition("governor.permits", 1);

    @Test
    void shouldCommitOnlyUpToTheOldestUnfinishedOffset() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.taken(P0, 10);
        ledger.taken(P0, 11);
        ledger.taken(P0, 12);

        ledger.done(P0, 11);
        ledger.done(P0, 12);
        assertEquals(Map.of(P0, new OffsetAndMetadata(10)), ledger.committable(null));

        ledger.done(P0, 10);
        assertEquals(Map.of(P0, new OffsetAndMetadata(13)), ledger.committable(null));
        assertEquals(0, ledger.pending());
    }

    @Test
    void shouldNotOfferWhatWasAlreadyCommitted() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.taken(P0, 0);
        ledger.done(P0, 0);
        ledger.committed(ledger.committable(null));

        assertTrue(ledger.committable(null).isEmpty());
    }

    @Test
    void shouldLimitToTheGivenPartitionsAndForgetRevokedOnes() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.taken(P0, 5);
        ledger.taken(P1, 7);
        ledger.done(P0, 5);
        ledger.done(P1, 7);

        assertEquals(Map.of(P1, new OffsetAndMetadata(8)), ledger.committable(List.of(P1)));
        ledger.forget(List.of(P0));
        ledger.done(P0, 6); // a late completion of a revoked partition is ignored
        assertEquals(Map.of(P1, new OffsetAndMetadata(8)), ledger.committable(null));
    }
}
