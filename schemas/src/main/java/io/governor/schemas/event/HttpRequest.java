package io.governor.schemas.event;

import java.util.Map;

/** The call an intent asks for; the executor performs it once permitted. */
public record HttpRequest(String method, String url, Map<String, String> headers, String body) {
    public HttpRequest {
        method = method == null ? "GET" : method;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
