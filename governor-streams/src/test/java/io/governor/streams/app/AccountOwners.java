package io.governor.streams.app;

import static org.junit.jupiter.api.Assertions.fail;

import io.governor.streams.observe.QuotaStore;
import java.time.Duration;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Which instance of a multi-instance test owns an account, as interactive queries tell it (HTTP must be on). */
final class AccountOwners {
    private AccountOwners() {
    }

    /** Waits up to 30 s for the metadata (it is unknown while a rebalance is under way). */
    static HostInfo owner(GovernorApp app, String account) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            KeyQueryMetadata m = app.streams().queryMetadataForKey(QuotaStore.STORE, account, new StringSerializer());
            if (m != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(m)) {
                return m.activeHost();
            }
            if (System.nanoTime() > end) {
                fail("no owner of " + account + " known");
            }
            Thread.sleep(100);
        }
    }
}
