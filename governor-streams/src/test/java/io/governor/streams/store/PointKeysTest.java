package io.governor.streams.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PointKeysTest {
    private final AccountKeys keys = new AccountKeys("acct-7");

    @Test
    void shouldTellPointKeysByTheTagAfterTheAccount() {
        assertTrue(AccountKeys.POINT_KEYS.isPoint(keys.key(AccountKeys.SEEN, AccountKeys.raw("i-1")).get()));
        assertTrue(AccountKeys.POINT_KEYS.isPoint(keys.key(AccountKeys.ACCOUNT_STATE).get()));
        assertFalse(AccountKeys.POINT_KEYS.isPoint(keys.key(AccountKeys.TIME_INDEX, AccountKeys.one((byte) 'S'),
                AccountKeys.orderedLong(5), AccountKeys.raw("i-1")).get()));
        assertFalse(AccountKeys.POINT_KEYS.isPoint(keys.key(AccountKeys.WAITING, new byte[] {1, 2}).get()));
    }

    @Test
    void shouldSayARangeMayHoldPointKeysUntilItsSharedBytesReachTheTag() {
        byte[] account = keys.key(AccountKeys.TIME_INDEX).get();
        int accountOnly = account.length - 1;
        assertTrue(AccountKeys.POINT_KEYS.anyStartWith(account, accountOnly), "the account's keys of every kind");
        assertFalse(AccountKeys.POINT_KEYS.anyStartWith(account, account.length), "one time index only");
        assertTrue(AccountKeys.POINT_KEYS.anyStartWith(keys.key(AccountKeys.SEEN).get(), account.length));
        assertFalse(AccountKeys.POINT_KEYS.anyStartWith(keys.key(AccountKeys.LEASE).get(), account.length),
                "old leases are only scanned");
        assertTrue(AccountKeys.POINT_KEYS.anyStartWith(account, 1), "not even the account's length is known");
        assertTrue(AccountKeys.POINT_KEYS.anyStartWith(account, 0));
    }

    @Test
    void shouldKnowNoPointKeysWhenThereAreNone() {
        byte[] key = "anything".getBytes(StandardCharsets.UTF_8);
        assertFalse(PointKeys.NONE.isPoint(key));
        assertFalse(PointKeys.NONE.anyStartWith(key, 0));
    }
}
