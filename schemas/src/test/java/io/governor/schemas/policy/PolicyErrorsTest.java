package io.governor.schemas.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.document.InvalidDocumentException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every bad policy names the file, the exact path of the bad value and what is wrong with it. */
class PolicyErrorsTest {

    /** A valid one-account policy with {@code extra} lines added to the account {@code a}. */
    private static String account(String extra) {
        return "accounts:\n  a:\n    limits: [ { max: 5, per: 1s } ]\n" + extra;
    }

    private static InvalidDocumentException rejected(String yaml, String path, String problemPart) {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> PolicyLoader.parse("policy.yaml", yaml));
        assertEquals("policy.yaml", e.file());
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.problem().contains(problemPart), () -> "problem was: " + e.problem());
        assertEquals("policy.yaml: " + path + ": " + e.problem(), e.getMessage());
        return e;
    }

    private static void limitRejected(String limit, String path, String problemPart) {
        rejected("accounts:\n  a:\n    limits: [ " + limit + " ]\n", "accounts.a.limits[0]." + path, problemPart);
    }

    @Test
    void shouldNameTheBadDurationWithItsFullPath() {
        var e = assertThrows(InvalidDocumentException.class, () -> PolicyLoader.parse("policy.yaml",
                "accounts:\n  nsw:\n    limits:\n      - { max: 5, per: 1s }\n      - { max: 100, per: 1dd }\n"));
        assertEquals("policy.yaml: accounts.nsw.limits[1].per: \"1dd\" is not a duration "
                + "(use 250ms, 1s, 1m, 1h, 1d)", e.getMessage());
        assertEquals("accounts.nsw.limits[1].per", e.path());
        assertEquals("\"1dd\" is not a duration (use 250ms, 1s, 1m, 1h, 1d)", e.problem());
    }

    @Test
    void shouldRejectUnknownZoneNamingIt() {
        limitRejected("{ max: 5, per: 1d, calendar: true, zone: Mars/Olympus }", "zone",
                "unknown time zone \"Mars/Olympus\"");
    }

    @Test
    void shouldRejectNegativeMax() {
        limitRejected("{ max: -5, per: 1s }", "max", "must be >= 1, was -5");
    }

    @Test
    void shouldRejectZeroMax() {
        limitRejected("{ max: 0, per: 1s }", "max", "must be >= 1, was 0");
    }

    @Test
    void shouldRejectMaxWrittenAsString() {
        limitRejected("{ max: \"5\", per: 1s }", "max", "must be a whole number, was the string \"5\"");
    }

    @Test
    void shouldRejectFractionalMax() {
        limitRejected("{ max: 5.5, per: 1s }", "max", "must be a whole number, was 5.5");
    }

    @Test
    void shouldRejectMissingPer() {
        limitRejected("{ max: 5 }", "per", "is required");
    }

    @Test
    void shouldRejectCalendarWindowOfTwoHours() {
        limitRejected("{ max: 5, per: 2h, calendar: true }", "per", "a calendar window must be 1d or 1h, was 2h");
    }

    @Test
    void shouldRejectCalendarWindowOfOneMinute() {
        limitRejected("{ max: 5, per: 1m, calendar: true, zone: UTC }", "per", "must be 1d or 1h, was 1m");
    }

    @Test
    void shouldRejectZoneWithoutCalendar() {
        limitRejected("{ max: 5, per: 1d, zone: Australia/Sydney }", "zone", "add calendar: true");
    }

    @Test
    void shouldRejectMisspeltLimitKeySuggestingTheRightOne() {
        limitRejected("{ maxx: 5, per: 1s }", "maxx", "unknown key \"maxx\" (did you mean \"max\"?");
    }

    @Test
    void shouldRejectZeroSafety() {
        rejected(account("    safety: 0\n"), "accounts.a.safety", "must be in (0,1], was 0.0");
    }

    @Test
    void shouldRejectSafetyAboveOne() {
        rejected(account("    safety: 1.5\n"), "accounts.a.safety", "must be in (0,1], was 1.5");
    }

    @Test
    void shouldRejectSafetyWrittenAsString() {
        rejected(account("    safety: \"0.9\"\n"), "accounts.a.safety", "must be a number, was the string \"0.9\"");
    }

    @Test
    void shouldRejectUnknownPriority() {
        rejected(account("    priorities: { URGENT: 0.5 }\n"), "accounts.a.priorities.URGENT",
                "unknown priority \"URGENT\" (use CRITICAL, HIGH, NORMAL, LOW)");
    }

    @Test
    void shouldRejectPriorityShareAboveOne() {
        rejected(account("    priorities: { LOW: 1.2 }\n"), "accounts.a.priorities.LOW", "must be in (0,1], was 1.2");
    }

    @Test
    void shouldRejectDuplicateLane() {
        rejected(account("    lanes: { members: [ ip-1, ip-2, ip-1 ] }\n"), "accounts.a.lanes.members[2]",
                "duplicate lane \"ip-1\"");
    }

    @Test
    void shouldRejectEmptyLaneMembers() {
        rejected(account("    lanes: { members: [] }\n"), "accounts.a.lanes.members", "must name at least one lane");
    }

    @Test
    void shouldRejectMisspeltAccountKeyListingValidKeys() {
        var e = rejected("accounts:\n  a:\n    limts: [ { max: 5, per: 1s } ]\n", "accounts.a.limts",
                "unknown key \"limts\" (did you mean \"limits\"?");
        assertTrue(e.problem().contains("valid keys: adaptive, alerts, circuit, concurrency, executor, forbidden, "
                + "jitter, job, lanes, lease, limits, pacing, priorities, queue, retry, safety, tenants, validity"),
                e.problem());
    }

    @Test
    void shouldRejectEmptyLimits() {
        rejected("accounts:\n  a:\n    limits: []\n", "accounts.a.limits", "needs at least one limit");
    }

    @Test
    void shouldRejectAccountWithoutAnyLimit() {
        rejected("accounts:\n  a:\n    safety: 0.5\n", "accounts.a.limits", "needs at least one limit");
    }

    @Test
    void shouldRejectRetryJitterOfWrongLength() {
        rejected(account("    retry: { jitter: [0.9, 1.2, 1.6] }\n"), "accounts.a.retry.jitter",
                "must be a list [min, max] of two numbers, had 3");
    }

    @Test
    void shouldRejectRetryJitterWithMinAboveMax() {
        rejected(account("    retry: { jitter: [1.6, 0.9] }\n"), "accounts.a.retry.jitter", "0 < min <= max");
    }

    @Test
    void shouldRejectCircuitErrorRateAboveOne() {
        rejected(account("    circuit: { errorRate: 2 }\n"), "accounts.a.circuit.errorRate",
                "must be in (0,1], was 2.0");
    }

    @Test
    void shouldRejectAdaptiveDecreaseAboveOne() {
        rejected(account("    adaptive: { decrease: 1.5 }\n"), "accounts.a.adaptive.decrease",
                "must be in (0,1), was 1.5");
    }

    @Test
    void shouldRejectNonHttpExecutorUrl() {
        rejected(account("    executor: { allow: [ \"https://ok.example/\", \"ftp://x\" ] }\n"),
                "accounts.a.executor.allow[1]", "\"ftp://x\" must be an http or https URL");
    }

    @Test
    void shouldRejectNegativeQueueMax() {
        rejected(account("    queue: { max: -1 }\n"), "accounts.a.queue.max", "must be >= 0, was -1");
    }

    @Test
    void shouldRejectZeroConcurrency() {
        rejected(account("    concurrency: 0\n"), "accounts.a.concurrency", "must be >= 1, was 0");
    }

    @Test
    void shouldRejectUnknownPacing() {
        rejected(account("    pacing: fast\n"), "accounts.a.pacing", "\"fast\" is not one of smooth, burst");
    }

    @Test
    void shouldRejectDurationWrittenAsNumber() {
        rejected(account("    lease: 30\n"), "accounts.a.lease", "\"30\" is not a duration");
    }

    @Test
    void shouldRejectZeroValidity() {
        rejected(account("    validity: 0ms\n"), "accounts.a.validity", "must be a positive duration, was 0ms");
    }

    @Test
    void shouldRejectHeaderThatIsNotAString() {
        rejected(account("    executor: { headers: { X-Version: 2 } }\n"), "accounts.a.executor.headers.X-Version",
                "must be a string, was 2");
    }

    @Test
    void shouldBlameTheDefaultsWhenTheBadValueIsInherited() {
        rejected("defaults: { safety: 2 }\naccounts:\n  a:\n    limits: [ { max: 5, per: 1s } ]\n",
                "defaults.safety", "must be in (0,1], was 2.0");
    }

    @Test
    void shouldCheckDefaultsWithoutLimitsEvenWithNoAccounts() {
        rejected("defaults: { queue: { max: -3 } }\naccounts: {}\n", "defaults.queue.max", "must be >= 0, was -3");
    }

    @Test
    void shouldRejectUnknownTopLevelKey() {
        rejected("default: { safety: 1 }\naccounts: {}\n", "default", "did you mean \"defaults\"?");
    }

    @Test
    void shouldRejectTextThatIsNotYaml() {
        var e = assertThrows(InvalidDocumentException.class,
                () -> PolicyLoader.parse("policy.yaml", "accounts: [ {\n  a: b: c\n"));
        assertTrue(e.path().startsWith("line "), e.getMessage());
        assertTrue(e.problem().startsWith("not valid YAML: "), e.getMessage());
    }

    @Test
    void shouldRejectTextThatIsNotJson() {
        var e = assertThrows(InvalidDocumentException.class,
                () -> PolicyLoader.parse("policy.json", "{ \"accounts\": { \"a\": } }"));
        assertTrue(e.path().startsWith("line 1, column "), e.getMessage());
        assertTrue(e.problem().startsWith("not valid JSON: "), e.getMessage());
    }

    @Test
    void shouldRejectDuplicateKeys() {
        var e = assertThrows(InvalidDocumentException.class,
                () -> PolicyLoader.parse("policy.yaml", "accounts: {}\naccounts: {}\n"));
        assertTrue(e.problem().contains("Duplicate field 'accounts'"), e.getMessage());
    }

    @Test
    void shouldRejectEmptyFile() {
        rejected("", "(document)", "is empty");
        rejected("# only a comment\n", "(document)", "is empty");
    }

    @Test
    void shouldRejectDocumentThatIsNotAMapping() {
        rejected("- a\n- b\n", "(document)", "must be a mapping (key: value), was a list");
    }

    @Test
    void shouldRejectAccountsThatAreNotAMapping() {
        rejected("accounts: [ a, b ]\n", "accounts", "must be a mapping (key: value), was a list");
    }

    @Test
    void shouldRejectMissingAccounts() {
        rejected("defaults: { safety: 0.9 }\n", "accounts", "is required");
    }

    @Test
    void shouldRejectStringMaxInJsonToo() {
        var e = assertThrows(InvalidDocumentException.class, () -> PolicyLoader.parse("policy.json",
                "{\"accounts\":{\"a\":{\"limits\":[{\"max\":\"5\",\"per\":\"1s\"}]}}}"));
        assertEquals("policy.json: accounts.a.limits[0].max: must be a whole number, was the string \"5\"",
                e.getMessage());
    }

    @Test
    void shouldQuoteAccountNamesThatContainDots() {
        rejected("accounts:\n  api.example.com:\n    limits: [ { max: 0, per: 1s } ]\n",
                "accounts[\"api.example.com\"].limits[0].max", "must be >= 1");
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = Path.of("target", "no-such-policy.yaml");
        var e = assertThrows(InvalidDocumentException.class, () -> PolicyLoader.load(missing));
        assertEquals(missing.toString() + ": (document): no such file", e.getMessage());
    }

    @Test
    void shouldPlaceErrorsOfTopicRecordsUnderTheirSourceName() {
        var e = assertThrows(InvalidDocumentException.class, () -> PolicyLoader.parseAccount("governor.policies[a]",
                "{\"limits\":[{\"max\":5,\"per\":\"1s\"}],\"safty\":0.5}"));
        assertEquals("governor.policies[a]", e.file());
        assertEquals("safty", e.path());
        assertTrue(e.problem().contains("did you mean \"safety\"?"), e.problem());
    }
}
