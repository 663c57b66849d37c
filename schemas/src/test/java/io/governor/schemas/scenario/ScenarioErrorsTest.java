package io.governor.schemas.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.document.InvalidDocumentException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every bad scenario names the file, the exact path of the bad value and what is wrong with it. */
class ScenarioErrorsTest {
    private static final String POLICY = "policy: { accounts: { a: { limits: [ { max: 1, per: 1s } ] } } }\n";
    private static final Path BASE = ScenarioLoaderTest.resource("scenario/pncp-crawl.yaml").getParent();

    private static InvalidDocumentException rejected(String yaml, String path, String problemPart) {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> ScenarioLoader.parse("scenario.yaml", yaml, BASE));
        assertEquals("scenario.yaml", e.file());
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.problem().contains(problemPart), () -> "problem was: " + e.problem());
        return e;
    }

    /** A valid scenario whose only traffic entry is {@code entry}. */
    private static void entryRejected(String entry, String path, String problemPart) {
        rejected("duration: 6h\n" + POLICY + "traffic: [ " + entry + " ]\n", "traffic[0]" + path, problemPart);
    }

    private static void upstreamRejected(String upstream, String path, String problemPart) {
        rejected("duration: 6h\n" + POLICY + "upstream: { a: " + upstream + " }\ntraffic: [ { account: a, backlog: 1 } ]\n",
                "upstream.a" + path, problemPart);
    }

    @Test
    void shouldRejectUnknownRateUnit() {
        entryRejected("{ account: a, rate: 2/x }", ".rate", "\"2/x\" is not a rate (use 2/s, 120/m, 1000/h)");
    }

    @Test
    void shouldRejectZeroRate() {
        entryRejected("{ account: a, rate: 0/s }", ".rate", "must be a positive rate");
    }

    @Test
    void shouldRejectOutageEndingBeforeItStarts() {
        upstreamRejected("{ outages: [ { from: 2h, to: 1h } ] }", ".outages[0].to", "must be after from (2h), was 1h");
    }

    @Test
    void shouldRejectOutageBeyondTheRun() {
        upstreamRejected("{ outages: [ { from: 5h, to: 7h } ] }", ".outages[0].to",
                "must be within the scenario's duration (6h), was 7h");
    }

    @Test
    void shouldRejectErrorRateAboveOne() {
        upstreamRejected("{ errorRate: 1.5 }", ".errorRate", "must be in [0,1], was 1.5");
    }

    @Test
    void shouldRejectUnknownAlgorithm() {
        upstreamRejected("{ algorithm: leaky }", ".algorithm", "\"leaky\" is not one of sliding, fixed");
    }

    @Test
    void shouldRejectP99BelowP50() {
        upstreamRejected("{ latency: { p50: 1s, p99: 100ms } }", ".latency.p99", "must be at least p50 (1s), was 100ms");
    }

    @Test
    void shouldRejectUpstreamLimitsWithPolicyRules() {
        upstreamRejected("{ limits: [ { max: 5, per: 1dd } ] }", ".limits[0].per", "\"1dd\" is not a duration");
    }

    @Test
    void shouldRejectTrafficForAnAccountWithoutPolicy() {
        entryRejected("{ account: nobody, backlog: 5 }", ".account",
                "account \"nobody\" is not in the policy, and the policy's defaults have no limits to cover it (accounts: a)");
    }

    @Test
    void shouldRejectUnknownFallbackAccount() {
        entryRejected("{ account: a, backlog: 5, fallbacks: [ b ] }", ".fallbacks[0]", "account \"b\" is not in the policy");
    }

    @Test
    void shouldRejectLaneTheAccountDoesNotHave() {
        entryRejected("{ account: a, backlog: 5, lane: ip-9 }", ".lane", "account \"a\" has no lane \"ip-9\"");
    }

    @Test
    void shouldRejectEntryWithTwoSources() {
        entryRejected("{ account: a, backlog: 5, rate: 1/s }", "", "needs exactly one of backlog, rate, trace (had 2)");
    }

    @Test
    void shouldRejectBurstShapeWithoutBurstSize() {
        entryRejected("{ account: a, rate: 1/s, shape: burst, burstEvery: 10m }", ".burstSize",
                "is required when shape is burst");
    }

    @Test
    void shouldRejectBurstSizeWithoutBurstShape() {
        entryRejected("{ account: a, rate: 1/s, burstSize: 5 }", ".burstSize", "add shape: burst");
    }

    @Test
    void shouldRejectUnknownPriorityInTraffic() {
        entryRejected("{ account: a, backlog: 5, priority: urgent }", ".priority",
                "\"urgent\" is not one of CRITICAL, HIGH, NORMAL, LOW");
    }

    @Test
    void shouldRejectMisspeltTrafficKey() {
        entryRejected("{ account: a, backlog: 5, tenat: ui }", ".tenat", "did you mean \"tenant\"?");
    }

    @Test
    void shouldRejectMissingTraceFile() {
        entryRejected("{ trace: traces/none.jsonl }", ".trace", "no trace file \"traces/none.jsonl\"");
    }

    @Test
    void shouldRejectMissingPolicyFile() {
        rejected("duration: 1h\npolicy: policies/missing.yaml\ntraffic: [ { account: a, backlog: 1 } ]\n", "policy",
                "no policy file \"policies/missing.yaml\" (looked for " + BASE.resolve("policies/missing.yaml") + ")");
    }

    @Test
    void shouldNameThePolicyFileWhenItIsInvalid() {
        var e = assertThrows(InvalidDocumentException.class, () -> ScenarioLoader.parse("scenario.yaml",
                "duration: 1h\npolicy: pncp-crawl.yaml\ntraffic: [ { account: a, backlog: 1 } ]\n", BASE));
        assertEquals(BASE.resolve("pncp-crawl.yaml").toString(), e.file());
        assertEquals("name", e.path(), "a scenario is not a policy: its first unknown key is reported");
    }

    @Test
    void shouldPrefixErrorsOfAnInlinePolicy() {
        rejected("duration: 1h\npolicy: { accounts: { a: { limits: [ { max: 0, per: 1s } ] } } }\n"
                + "traffic: [ { account: a, backlog: 1 } ]\n", "policy.accounts.a.limits[0].max", "must be >= 1, was 0");
    }

    @Test
    void shouldRejectBadStartTimestamp() {
        rejected("start: 2026-13-05T09:00:00-03:00\nduration: 1h\n" + POLICY + "traffic: [ { account: a, backlog: 1 } ]\n",
                "start", "\"2026-13-05T09:00:00-03:00\" is not a timestamp with an offset");
    }

    @Test
    void shouldRejectStartWithoutOffset() {
        rejected("start: 2026-01-05T09:00:00\nduration: 1h\n" + POLICY + "traffic: [ { account: a, backlog: 1 } ]\n",
                "start", "is not a timestamp with an offset");
    }

    @Test
    void shouldRejectMissingDuration() {
        rejected(POLICY + "traffic: [ { account: a, backlog: 1 } ]\n", "duration", "is required");
    }

    @Test
    void shouldRejectEmptyTraffic() {
        rejected("duration: 1h\n" + POLICY + "traffic: []\n", "traffic", "must have at least one entry");
    }

    @Test
    void shouldRejectSeedWrittenAsString() {
        rejected("seed: \"7\"\nduration: 1h\n" + POLICY + "traffic: [ { account: a, backlog: 1 } ]\n", "seed",
                "must be a whole number, was the string \"7\"");
    }

    @Test
    void shouldRejectEmptyScenario() {
        rejected("\n", "(document)", "is empty");
    }
}
