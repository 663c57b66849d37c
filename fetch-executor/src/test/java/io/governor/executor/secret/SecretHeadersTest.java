package io.governor.executor.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretHeadersTest {
    private static final PolicyDocument POLICY = PolicyLoader.parse("policy.yaml", """
            defaults:
              limits: [ { max: 1, per: 1s } ]
              executor: { headers: { User-Agent: "Gov/1.0" } }
            accounts:
              a:
                limits: [ { max: 1, per: 1s } ]
                executor: { headers: { Authorization: "Bearer ${TOKEN_A}", X-Client: "${CLIENT}-${REGION}" } }
            """);
    private static final Map<String, String> ENV = Map.of("TOKEN_A", "tok-aaaa-1111", "CLIENT", "acme", "REGION", "eu-west");

    @Test
    void shouldFillVariablesFromTheEnvironment() {
        SecretHeaders secrets = SecretHeaders.expand(POLICY, ENV::get);

        assertEquals(Map.of("Authorization", "Bearer tok-aaaa-1111", "X-Client", "acme-eu-west"), secrets.headersFor("a"));
        assertEquals(Map.of("User-Agent", "Gov/1.0"), secrets.headersFor("unnamed-account"));
    }

    @Test
    void shouldRedactEveryFilledValueButNotLiteralText() {
        SecretHeaders secrets = SecretHeaders.expand(POLICY, ENV::get);

        assertEquals("auth=Bearer [REDACTED] client=[REDACTED]-[REDACTED] ua=Gov/1.0",
                secrets.redact("auth=Bearer tok-aaaa-1111 client=acme-eu-west ua=Gov/1.0"));
        assertEquals(Map.of("x-echo", "[REDACTED]"), secrets.redact(Map.of("x-echo", "tok-aaaa-1111")));
        assertTrue(secrets.containsSecret("..tok-aaaa-1111.."));
        assertFalse(secrets.containsSecret("Gov/1.0"));
    }

    @Test
    void shouldNameTheFieldAndVariableOfAMissingSecret() {
        var e = assertThrows(MissingSecretException.class,
                () -> SecretHeaders.expand(POLICY, Map.of("TOKEN_A", "tok-aaaa-1111", "CLIENT", "acme")::get));
        assertEquals("REGION", e.variable());
        assertEquals("accounts.a.executor.headers.X-Client", e.field());
    }

    @Test
    void shouldRefuseSecretsTooShortToRedact() {
        var e = assertThrows(MissingSecretException.class,
                () -> SecretHeaders.expand(POLICY, Map.of("TOKEN_A", "abc", "CLIENT", "acme", "REGION", "eu-west")::get));
        assertFalse(e.getMessage().contains("abc"));
    }
}
