package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the executor may call for an account: URL prefixes ({@code allow}), the call timeout, and headers
 * merged into every request ({@code ${ENV}} in a value is filled from the environment).
 */
public record ExecutorSpec(List<String> allow, Duration timeout, Map<String, String> headers) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ExecutorSpec {
        allow = allow == null ? List.of() : List.copyOf(allow);
        for (int i = 0; i < allow.size(); i++) {
            String prefix = allow.get(i);
            URI uri;
            try {
                uri = URI.create(prefix);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidFieldException("allow[" + i + "]", "\"" + prefix + "\" is not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidFieldException("allow[" + i + "]",
                        "\"" + prefix + "\" must be an http or https URL with a host");
            }
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InvalidFieldException("timeout", "must be a positive duration");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
