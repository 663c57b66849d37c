package io.governor.executor.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The URLs an account's executor may call: prefixes from the policy's {@code executor.allow}. A URL is allowed
 * when scheme, host and port are equal (scheme and host case-insensitive, default ports filled in) and its path
 * lies under the prefix's path on a segment boundary ({@code /v1} covers {@code /v1} and {@code /v1/x}, never
 * {@code /v1x}). URLs with user info are refused outright: {@code https://allowed.com@evil.com} names the host
 * {@code evil.com}, and any allowlist read by a human can be fooled by it. Paths are compared both raw and
 * percent-decoded, after removing dot segments, so {@code /v1/%2e%2e/admin} cannot climb out of {@code /v1/}.
 */
public final class UrlAllowlist {
    private final List<Prefix> prefixes;

    private UrlAllowlist(List<Prefix> prefixes) {
        this.prefixes = prefixes;
    }

    /** An allowlist of {@code prefixes}; an empty list allows nothing. Each prefix must be an absolute http(s) URL. */
    public static UrlAllowlist of(List<String> prefixes) {
        return new UrlAllowlist(prefixes.stream().map(Prefix::parse).toList());
    }

    /** True when {@code url} is a well-formed http(s) URL under one of the prefixes. */
    public boolean allows(String url) {
        if (url == null) {
            return false;
        }
        try {
            return allows(new URI(url));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** True when {@code uri} is an absolute http(s) URI under one of the prefixes. */
    public boolean allows(URI uri) {
        Target target = Target.of(uri);
        if (target == null) {
            return false;
        }
        for (Prefix prefix : prefixes) {
            if (prefix.covers(target)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "UrlAllowlist" + prefixes;
    }

    /** A URI reduced to what matching needs, or null when it can never be allowed. */
    private record Target(String scheme, String host, int port, String rawPath, String decodedPath) {
        static Target of(URI uri) {
            if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null
                    || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
                return null;
            }
            String rawPath = normalise(uri.getRawPath());
            String decodedPath = normalise(uri.getPath());
            return new Target(scheme, uri.getHost().toLowerCase(Locale.ROOT), effectivePort(scheme, uri.getPort()),
                    rawPath, decodedPath);
        }
    }

    private record Prefix(String scheme, String host, int port, String path) {
        static Prefix parse(String text) {
            Target t;
            try {
                t = Target.of(new URI(text));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("allow prefix \"" + text + "\" is not a URL: " + e.getMessage());
            }
            if (t == null) {
                throw new IllegalArgumentException(
                        "allow prefix \"" + text + "\" must be an http or https URL with a host and no user info");
            }
            return new Prefix(t.scheme(), t.host(), t.port(), t.rawPath());
        }

        boolean covers(Target t) {
            return scheme.equals(t.scheme()) && host.equals(t.host()) && port == t.port()
                    && under(t.rawPath()) && under(t.decodedPath());
        }

        private boolean under(String candidate) {
            if (path.isEmpty() || path.equals("/")) {
                return true;
            }
            if (path.endsWith("/")) {
                return candidate.startsWith(path) || candidate.equals(path.substring(0, path.length() - 1));
            }
            return candidate.equals(path) || candidate.startsWith(path + "/");
        }

        @Override
        public String toString() {
            return scheme + "://" + host + ":" + port + path;
        }
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return scheme.equals("https") ? 443 : 80;
    }

    /** Removes {@code .} and {@code ..} segments; an empty path is the root. */
    private static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String[] segments = path.split("/", -1);
        var kept = new java.util.ArrayDeque<String>();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".")) {
                if (last) {
                    kept.addLast("");
                }
            } else if (s.equals("..")) {
                kept.pollLast();
                if (last) {
                    kept.addLast("");
                }
            } else {
                kept.addLast(s);
            }
        }
        return "/" + String.join("/", kept);
    }
}
