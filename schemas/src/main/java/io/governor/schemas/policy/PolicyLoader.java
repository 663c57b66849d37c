package io.governor.schemas.policy;

import io.governor.schemas.document.DocumentNode;
import io.governor.schemas.document.DocumentText;
import io.governor.schemas.document.InvalidDocumentException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads policy files (YAML or JSON) and single account policies from {@code governor.policies}.
 *
 * <p>Every error is an {@link InvalidDocumentException} whose message is {@code <file>: <path>: <problem>}.
 * Reading is strict: unknown keys are rejected with the list of valid ones (a misspelt {@code limts} must not
 * silently switch a limit off), numbers must be numbers, whole numbers whole, durations like {@code 1s}.
 * {@code defaults} fields are merged into every account, the account winning key by key at the top level.
 */
public final class PolicyLoader {
    private static final Set<String> DOCUMENT_KEYS = Set.of("defaults", "accounts", "$schema");
    /** Stands in for the limits that partial defaults lack, so their other fields are still checked at load. */
    private static final AccountPolicy LIMITS_ONLY =
            new AccountPolicy(List.of(LimitSpec.rolling(1, Duration.ofSeconds(1))), 1.0, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null);

    private PolicyLoader() {
    }

    /** Reads a policy file; JSON if it ends in {@code .json}, YAML otherwise. */
    public static PolicyDocument load(Path file) {
        return read(DocumentText.read(file));
    }

    /** Reads policy text; {@code sourceName} names it in errors (and its extension picks JSON or YAML). */
    public static PolicyDocument parse(String sourceName, String text) {
        return read(DocumentText.parse(sourceName, text));
    }

    /** Reads a policy document that is part of a larger one (a scenario's inline {@code policy}). */
    public static PolicyDocument read(DocumentNode document) {
        document.mapping(DOCUMENT_KEYS);
        DocumentNode defaultsNode = document.get("defaults");
        Map<String, DocumentNode> defaults = defaultsNode == null ? Map.of()
                : defaultsNode.mapping(AccountPolicyReader.ACCOUNT_KEYS);
        AccountPolicy fallback = null;
        if (defaults.containsKey("limits")) {
            fallback = AccountPolicyReader.read(defaults, null, defaultsNode);
        } else if (defaultsNode != null) {
            AccountPolicyReader.read(defaults, LIMITS_ONLY, defaultsNode);
        }
        DocumentNode accountsNode = document.require("accounts");
        Map<String, AccountPolicy> accounts = new LinkedHashMap<>();
        accountsNode.mapping().forEach((account, node) -> {
            if (account.isBlank()) {
                throw node.problem("an account name must not be empty");
            }
            Map<String, DocumentNode> own = node.mapping(AccountPolicyReader.ACCOUNT_KEYS);
            accounts.put(account, AccountPolicyReader.read(AccountPolicyReader.merge(defaults, own), null, node));
        });
        String defaultsJson = defaultsNode == null ? null : defaultsNode.json().toString();
        return new PolicyDocument(fallback, accounts, defaultsJson);
    }

    /** One limit ({@code {max, per, calendar, zone}}) as policies write it; scenarios reuse it for upstream truth. */
    public static LimitSpec limit(DocumentNode node) {
        return AccountPolicyReader.limit(node);
    }

    /** One account's policy as JSON, on its own (no defaults). */
    public static AccountPolicy parseAccount(String sourceName, String json) {
        return parseAccount(sourceName, json, (AccountPolicy) null);
    }

    /**
     * One account's policy as JSON (a {@code governor.policies} record), merged over the {@code defaults}
     * of {@code document} exactly as the file's own accounts were, whether or not those defaults have limits.
     */
    public static AccountPolicy parseAccount(String sourceName, String json, PolicyDocument document) {
        DocumentNode root = DocumentText.parseJson(sourceName, json);
        Map<String, DocumentNode> own = root.mapping(AccountPolicyReader.ACCOUNT_KEYS);
        Map<String, DocumentNode> defaults = Map.of();
        if (document != null && document.defaultsJson() != null) {
            DocumentNode wrapped = DocumentText.parseJson(sourceName + " (defaults)",
                    "{\"defaults\":" + document.defaultsJson() + "}");
            defaults = wrapped.require("defaults").mapping(AccountPolicyReader.ACCOUNT_KEYS);
        }
        return AccountPolicyReader.read(AccountPolicyReader.merge(defaults, own), null, root);
    }

    /**
     * One account's policy as JSON, each top-level field it leaves out taken from {@code defaults} (may be
     * null). Prefer the {@link PolicyDocument} variant: defaults without limits are null here and so lost.
     */
    public static AccountPolicy parseAccount(String sourceName, String json, AccountPolicy defaults) {
        DocumentNode root = DocumentText.parseJson(sourceName, json);
        return AccountPolicyReader.read(root.mapping(AccountPolicyReader.ACCOUNT_KEYS), defaults, root);
    }

    /** The top-level keys of an account policy, for documentation and editors. */
    public static Set<String> accountKeys() {
        return new TreeSet<>(AccountPolicyReader.ACCOUNT_KEYS);
    }
}
