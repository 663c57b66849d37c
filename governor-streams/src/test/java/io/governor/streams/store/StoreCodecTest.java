package io.governor.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.DeferReason;
import io.governor.core.feedback.Lease;
import io.governor.core.queue.WaitingIntent;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.json.GovernorJson;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StoreCodecTest {
    private static final Intent FULL = new Intent("id-1", "acct", "tenant-a", "fast", Priority.CRITICAL, 7, "job-9",
            1_700_000_000_123L, 1_700_000_060_000L, 4, List.of("backup-1", "backup-2"), "replies.topic",
            new HttpRequest("POST", "https://api.example.com/v1/x?q=1", Map.of("Authorization", "Bearer t",
                    "X-Trace", "é✓"), "{\"a\":1}"), Map.of("k", "v", "ünï", "日本語"), 1_699_999_999_000L);

    @Test
    void shouldRoundTripAWaitingIntentWithEveryField() {
        var w = new WaitingIntent(FULL, 42, 1_700_000_000_000L, DeferReason.PRIORITY_RESERVE, 3);
        assertEquals(w, StoreCodec.waiting(StoreCodec.waiting(w)));
    }

    @Test
    void shouldRoundTripALeaseWithEveryField() {
        var lease = new Lease(FULL, "fast", 2, 1_700_000_000_500L, 1_700_000_030_500L, 1_700_000_000_000L);
        assertEquals(lease, StoreCodec.lease(StoreCodec.lease(lease)));
    }

    @Test
    void shouldKeepNullsNullAndEmptiesEmpty() {
        Intent bare = Intent.of("x", "a");
        var w = new WaitingIntent(bare, 0, 0, null, 0);
        WaitingIntent back = StoreCodec.waiting(StoreCodec.waiting(w));
        assertEquals(w, back);
        assertNull(back.intent().tenant());
        assertNull(back.intent().request());
        assertNull(back.intent().createdAt());
        assertNull(back.lastReason());
        var lease = new Lease(bare, null, 0, -5, Long.MAX_VALUE, Long.MIN_VALUE);
        assertEquals(lease, StoreCodec.lease(StoreCodec.lease(lease)));
        var noUrl = new Intent("y", "a", null, null, Priority.LOW, 1, null, null, null, null, null, null,
                new HttpRequest(null, null, null, null), null, null);
        assertEquals(noUrl, StoreCodec.waiting(StoreCodec.waiting(new WaitingIntent(noUrl, 1, 1, null))).intent());
    }

    @Test
    void shouldRoundTripTheLongestIdsAndAccountsInAnyScript() {
        String id = "名".repeat(128);
        String account = "🙂".repeat(256); // 512 UTF-16 chars, 1,024 UTF-8 bytes
        Intent longest = new Intent(id, account, "t".repeat(1000), null, Priority.HIGH, Integer.MAX_VALUE, null,
                Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, null, null, null, null, -1L);
        var w = new WaitingIntent(longest, Long.MAX_VALUE, Long.MIN_VALUE, DeferReason.RATE_LIMIT, Integer.MAX_VALUE);
        assertEquals(w, StoreCodec.waiting(StoreCodec.waiting(w)));
    }

    @Test
    void shouldStillReadTheJsonFormOfEarlierStores() {
        var w = new WaitingIntent(FULL, 42, 1_700_000_000_000L, DeferReason.NOT_YET, 1);
        var lease = new Lease(FULL, null, 1, 10, 20, 5);
        assertEquals(w, StoreCodec.waiting(GovernorJson.toBytes(w)));
        assertEquals(lease, StoreCodec.lease(GovernorJson.toBytes(lease)));
    }

    @Test
    void shouldBeMuchSmallerThanJson() {
        var w = new WaitingIntent(Intent.of("i123456", "acct-17"), 9, 1_700_000_000_000L, null);
        int binary = StoreCodec.waiting(w).length;
        int json = GovernorJson.toBytes(w).length;
        assertTrue(binary * 3 < json, binary + " bytes binary vs " + json + " JSON");
    }

    @Test
    void shouldRefuseAnUnknownVersionOrTruncatedBytes() {
        byte[] bytes = StoreCodec.waiting(new WaitingIntent(FULL, 1, 1, null));
        byte[] future = bytes.clone();
        future[0] = StoreCodec.VERSION + 1;
        assertThrows(UncheckedIOException.class, () -> StoreCodec.waiting(future));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(UncheckedIOException.class, () -> StoreCodec.waiting(cut));
        assertNull(StoreCodec.lease((byte[]) null));
    }

    @Property(tries = 300)
    void anyWaitingIntentAndLeaseSurviveTheRoundTrip(@ForAll("intents") Intent intent,
                                                    @ForAll long seq, @ForAll long at, @ForAll int attempt) {
        var w = new WaitingIntent(intent, seq, at, attempt % 2 == 0 ? null : DeferReason.values()[
                Math.floorMod(attempt, DeferReason.values().length)], Math.abs(attempt % 1000));
        assertEquals(w, StoreCodec.waiting(StoreCodec.waiting(w)));
        var lease = new Lease(intent, intent.lane(), Math.abs(attempt % 1000), at, seq, at ^ seq);
        assertEquals(lease, StoreCodec.lease(StoreCodec.lease(lease)));
    }

    @Provide
    Arbitrary<Intent> intents() {
        Arbitrary<String> id = Arbitraries.strings().ofMinLength(1).ofMaxLength(128);
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> maybe = text.injectNull(0.3);
        Arbitrary<Long> time = Arbitraries.longs().injectNull(0.3);
        Arbitrary<Map<String, String>> map = Arbitraries.maps(text, Arbitraries.strings().ofMaxLength(20))
                .ofMaxSize(3).injectNull(0.3);
        Arbitrary<HttpRequest> request = Combinators.combine(maybe, maybe, map, maybe.injectNull(0.2))
                .as(HttpRequest::new).injectNull(0.4);
        return Combinators.combine(
                        Combinators.combine(id, Arbitraries.strings().ofMinLength(1).ofMaxLength(512), maybe, maybe, Arbitraries.of(Priority.class),
                                Arbitraries.integers().between(1, Integer.MAX_VALUE), maybe, time)
                                .as((i, acct, tenant, lane, p, cost, job, nb) -> new Object[] {i, acct, tenant, lane, p,
                                        cost, job, nb}),
                        Combinators.combine(time, Arbitraries.integers().between(1, 50).injectNull(0.5),
                                text.list().ofMaxSize(3).injectNull(0.3), maybe, request, map, time)
                                .as((dl, max, fb, reply, req, attrs, created) -> new Object[] {dl, max, fb, reply, req,
                                        attrs, created}))
                .as(IntentBytesFields::intent);
    }

    /** Builds an intent from the two generated halves (jqwik combines at most eight values at a time). */
    private static final class IntentBytesFields {
        @SuppressWarnings("unchecked")
        static Intent intent(Object[] a, Object[] b) {
            return new Intent((String) a[0], (String) a[1], (String) a[2], (String) a[3],
                    (Priority) a[4], (Integer) a[5], (String) a[6], (Long) a[7], (Long) b[0],
                    (Integer) b[1], (List<String>) b[2], (String) b[3], (HttpRequest) b[4],
                    (Map<String, String>) b[5], (Long) b[6]);
        }
    }
}
