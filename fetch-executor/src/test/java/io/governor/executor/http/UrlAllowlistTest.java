package io.governor.executor.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlAllowlistTest {
    private final UrlAllowlist allow = UrlAllowlist.of(List.of(
            "https://api.transport.nsw.gov.au/v1/", "http://Example.com:8080/data", "https://open.example.org"));

    @Test
    void shouldAllowUrlsUnderAPrefixIgnoringCaseOfSchemeAndHostAndDefaultPorts() {
        assertTrue(allow.allows("https://api.transport.nsw.gov.au/v1/stops?x=1"));
        assertTrue(allow.allows("HTTPS://API.Transport.NSW.gov.au:443/v1/stops"));
        assertTrue(allow.allows("https://api.transport.nsw.gov.au/v1"));
        assertTrue(allow.allows("http://example.com:8080/data/x"));
        assertTrue(allow.allows("https://open.example.org/anything/at/all"));
        assertTrue(allow.allows("https://open.example.org"));
    }

    @Test
    void shouldMatchPathsOnSegmentBoundariesOnly() {
        assertTrue(allow.allows("http://example.com:8080/data"));
        assertFalse(allow.allows("http://example.com:8080/database"));
        assertFalse(allow.allows("https://api.transport.nsw.gov.au/v10/stops"));
    }

    @Test
    void shouldRefuseOtherHostsPortsAndSchemes() {
        assertFalse(allow.allows("https://api.transport.nsw.gov.au.evil.com/v1/"));
        assertFalse(allow.allows("http://api.transport.nsw.gov.au/v1/"));
        assertFalse(allow.allows("http://example.com/data"));
        assertFalse(allow.allows("ftp://open.example.org/"));
        assertFalse(allow.allows("file:///etc/passwd"));
        assertFalse(allow.allows("/v1/relative"));
        assertFalse(allow.allows("not a url"));
        assertFalse(allow.allows((String) null));
    }

    @Test
    void shouldRefuseUserInfoTricks() {
        assertFalse(allow.allows("https://api.transport.nsw.gov.au@evil.com/v1/"));
        assertFalse(allow.allows("https://user:pw@api.transport.nsw.gov.au/v1/"));
        assertFalse(allow.allows("https://open.example.org%40evil.com/"));
    }

    @Test
    void shouldRefuseDotSegmentsThatClimbOutOfThePrefix() {
        assertFalse(allow.allows("https://api.transport.nsw.gov.au/v1/../admin"));
        assertFalse(allow.allows("https://api.transport.nsw.gov.au/v1/%2e%2e/admin"));
        assertTrue(allow.allows("https://api.transport.nsw.gov.au/v1/./stops/../trips"));
    }

    @Test
    void shouldAllowNothingWhenEmptyAndRejectBadPrefixes() {
        assertFalse(UrlAllowlist.of(List.of()).allows("https://open.example.org/"));
        assertThrows(IllegalArgumentException.class, () -> UrlAllowlist.of(List.of("ftp://x.org/")));
        assertThrows(IllegalArgumentException.class, () -> UrlAllowlist.of(List.of("https://u@x.org/")));
    }
}
