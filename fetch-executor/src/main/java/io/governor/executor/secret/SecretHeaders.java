package io.governor.executor.secret;

import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy's request headers per account, with every {@code ${ENV_NAME}} filled from the environment, and the
 * redaction of those filled-in values. Expanded values are secrets (API keys): they go on the wire and nowhere
 * else, so everything the executor writes (logs, outcomes, results) passes through {@link #redact(String)}.
 * A missing variable stops start-up, naming the account, header and variable but never a value.
 */
public final class SecretHeaders {
    /** Replaces a secret wherever it would be written. */
    public static final String REDACTED = "[REDACTED]";
    /** Shorter secrets are refused: redacting "a" would shred every text that contains the letter. */
    static final int MIN_SECRET_LENGTH = 4;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, Map<String, String>> byAccount;
    private final Map<String, String> defaults;
    private final List<String> secrets;

    private SecretHeaders(Map<String, Map<String, String>> byAccount, Map<String, String> defaults,
                          List<String> secrets) {
        this.byAccount = byAccount;
        this.defaults = defaults;
        this.secrets = secrets;
    }

    /** Expands every account's (and the defaults') executor headers with {@code env}. */
    public static SecretHeaders expand(PolicyDocument policy, Function<String, String> env) {
        Objects.requireNonNull(env, "env");
        List<String> secrets = new ArrayList<>();
        Map<String, Map<String, String>> byAccount = new HashMap<>();
        policy.accounts().forEach((account, p) ->
                byAccount.put(account, expandAll("accounts." + account, p, env, secrets)));
        Map<String, String> defaults = policy.defaults() == null ? Map.of()
                : expandAll("defaults", policy.defaults(), env, secrets);
        // Longest first, so a secret that contains another is replaced whole.
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretHeaders(Map.copyOf(byAccount), defaults, List.copyOf(secrets));
    }

    /** No policy headers and nothing to redact. */
    public static SecretHeaders none() {
        return new SecretHeaders(Map.of(), Map.of(), List.of());
    }

    /** Headers to send for {@code account}: its own policy's, else the defaults'. Values are secrets. */
    public Map<String, String> headersFor(String account) {
        return byAccount.getOrDefault(account, defaults);
    }

    /** {@code text} with every secret value replaced by {@value #REDACTED}; null stays null. */
    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, REDACTED);
            }
        }
        return out;
    }

    /** {@code headers} with secret values redacted (names are never secret). */
    public Map<String, String> redact(Map<String, String> headers) {
        if (secrets.isEmpty()) {
            return headers;
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, redact(value)));
        return out;
    }

    /** True when {@code text} holds a secret value. */
    public boolean containsSecret(String text) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }

    private static Map<String, String> expandAll(String where, AccountPolicy policy, Function<String, String> env,
                                                 List<String> secrets) {
        Map<String, String> out = new LinkedHashMap<>();
        policy.executor().headers().forEach((name, template) ->
                out.put(name, expandOne(where + ".executor.headers." + name, template, env, secrets)));
        return Map.copyOf(out);
    }

    private static String expandOne(String field, String template, Function<String, String> env,
                                    List<String> secrets) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                throw new MissingSecretException(field, name);
            }
            if (value.length() < MIN_SECRET_LENGTH) {
                throw new MissingSecretException(field, name,
                        "is shorter than " + MIN_SECRET_LENGTH + " characters, too short to redact safely");
            }
            secrets.add(value);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
