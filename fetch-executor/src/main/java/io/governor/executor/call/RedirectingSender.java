package io.governor.executor.call;

import io.governor.executor.http.CappedBody;
import io.governor.executor.http.UrlAllowlist;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sends one request and follows its redirects by hand (the client is built with {@code Redirect.NEVER}), at most
 * {@link CallSettings#MAX_REDIRECTS} hops and only to URLs the account's allowlist covers: the client's own
 * redirect policy would happily follow to any host. A redirect it refuses ends the exchange with that redirect
 * response and {@link Exchange#redirectRefused()}. 303 turns the request into a GET without body, and so do 301
 * and 302 after a POST (as browsers do); 307 and 308 repeat the request as it was.
 */
final class RedirectingSender {
    /** Headers the JDK client refuses to take from us; an intent carrying them loses them rather than failing. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final CappedBody NO_BODY = new CappedBody(new byte[0], false);

    private final HttpClient client;
    private final int maxBody;

    RedirectingSender(HttpClient client, int maxBody) {
        this.client = client;
        this.maxBody = maxBody;
    }

    /** The final answer of an exchange; {@code hops} counts the redirects followed. */
    record Exchange(int status, HttpHeaders headers, CappedBody body, URI uri, int hops, boolean redirectRefused,
                    boolean tooManyRedirects) {
    }

    /** What to send: the method, headers already merged, the body (null for none). */
    record Request(String method, URI uri, Map<String, String> headers, String body) {
    }

    /**
     * Sends {@code request}; every hop's timeout is what is left of {@code deadlineMs} on {@code clock}.
     * {@code inFlight} receives each hop's future so the caller can cancel it.
     */
    CompletableFuture<Exchange> send(Request request, UrlAllowlist allowlist, long deadlineMs, LongSupplier clock,
                                     Consumer<CompletableFuture<?>> inFlight) {
        return hop(request, allowlist, deadlineMs, clock, inFlight, 0);
    }

    private CompletableFuture<Exchange> hop(Request request, UrlAllowlist allowlist, long deadlineMs,
                                            LongSupplier clock, Consumer<CompletableFuture<?>> inFlight, int hops) {
        long left = deadlineMs - clock.getAsLong();
        if (left <= 0) {
            return CompletableFuture.failedFuture(new java.net.http.HttpTimeoutException("call deadline passed"));
        }
        HttpRequest httpRequest = build(request, Duration.ofMillis(left));
        CompletableFuture<HttpResponse<CappedBody>> sent = client.sendAsync(httpRequest,
                info -> isRedirect(info.statusCode()) && info.headers().firstValue("location").isPresent()
                        ? BodySubscribers.replacing(NO_BODY)
                        : CappedBody.subscriber(maxBody));
        inFlight.accept(sent);
        return sent.thenCompose(response -> {
            int status = response.statusCode();
            var location = response.headers().firstValue("location");
            if (!isRedirect(status) || location.isEmpty()) {
                return done(response, request.uri(), hops, false, false);
            }
            URI next;
            try {
                next = request.uri().resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                return done(response, request.uri(), hops, true, false);
            }
            if (!allowlist.allows(next)) {
                return done(response, next, hops, true, false);
            }
            if (hops >= CallSettings.MAX_REDIRECTS) {
                return done(response, next, hops, false, true);
            }
            return hop(redirected(request, status, next), allowlist, deadlineMs, clock, inFlight, hops + 1);
        });
    }

    private static CompletableFuture<Exchange> done(HttpResponse<CappedBody> response, URI uri, int hops,
                                                    boolean refused, boolean tooMany) {
        return CompletableFuture.completedFuture(new Exchange(response.statusCode(), response.headers(),
                response.body(), uri, hops, refused, tooMany));
    }

    private static Request redirected(Request request, int status, URI next) {
        String method = request.method().toUpperCase(Locale.ROOT);
        boolean toGet = status == 303 && !method.equals("HEAD")
                || (status == 301 || status == 302) && method.equals("POST");
        if (toGet) {
            return new Request("GET", next, request.headers(), null);
        }
        return new Request(request.method(), next, request.headers(), request.body());
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static HttpRequest build(Request request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                .method(request.method().toUpperCase(Locale.ROOT), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }
}
