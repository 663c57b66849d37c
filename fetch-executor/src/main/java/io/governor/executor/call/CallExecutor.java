package io.governor.executor.call;

import io.governor.executor.http.BodyText;
import io.governor.executor.http.RateLimitHeaders;
import io.governor.executor.http.RetryAfter;
import io.governor.executor.http.UrlAllowlist;
import io.governor.executor.metrics.ExecutorMetrics;
import io.governor.executor.secret.SecretHeaders;
import io.governor.schemas.event.EncodedPayload;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.PayloadEncoding;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.RateLimitInfo;
import io.governor.schemas.event.Result;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.PolicyDocument;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs permitted calls and reports every one. For each permit, in order: the URL must be http(s) and under
 * the account's {@code executor.allow} prefixes (else {@code DISALLOWED_URL}, no call); a permit already past
 * {@code validUntil} is not called ({@code PERMIT_EXPIRED}); the call waits until {@code notBefore}, then for a
 * free slot of the account ({@code concurrency} in its policy) and of this executor ({@link CallSettings}),
 * checks {@code validUntil} again on the clock and only then sends. The whole call, redirects and body included,
 * must finish within the policy's {@code executor.timeout}.
 *
 * <p>Request headers are the intent's overridden by the policy's (identification and API keys are the
 * operator's to set). Policy header values may hold secrets: they are sent and never written anywhere; the
 * Result echoes the response's headers, redacted, not the request's.
 *
 * <p>Thread-safe and non-blocking: {@link #start(Permit)} returns at once, waiting holds no thread.
 */
public final class CallExecutor {
    private static final Logger log = LoggerFactory.getLogger(CallExecutor.class);
    /** Request headers naming the permit's account, lane (when it has one) and intent id. */
    public static final String ACCOUNT_HEADER = "Governor-Account";
    public static final String LANE_HEADER = "Governor-Lane";
    public static final String INTENT_HEADER = "Governor-Intent";

    private final PolicyDocument policy;
    private final SecretHeaders secrets;
    private final CallSettings settings;
    private final Clock clock;
    private final Waiter waiter;
    private final ExecutorMetrics metrics;
    private final RedirectingSender sender;
    private final AsyncSlots global;
    private final Map<String, Optional<AccountRules>> rules = new ConcurrentHashMap<>();

    public CallExecutor(HttpClient client, PolicyDocument policy, SecretHeaders secrets, CallSettings settings,
                        Clock clock, Waiter waiter, ExecutorMetrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.sender = new RedirectingSender(Objects.requireNonNull(client, "client"), settings.maxBody());
        this.global = new AsyncSlots(settings.concurrency());
    }

    /** The client the executor expects: redirects are ours to follow, HTTP/2 where the server offers it. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2)
                .build();
    }

    /** What the policy says for one account, resolved once. */
    private record AccountRules(UrlAllowlist allowlist, long timeoutMs, AsyncSlots slots, Map<String, String> headers) {
    }

    /** Starts the call of {@code permit}; its report completes when it is done (or refused). */
    public PermittedCall start(Permit permit) {
        PermittedCall call = new PermittedCall(permit, this);
        metrics.started();
        call.report().whenComplete((report, never) -> {
            call.releaseSlots();
            metrics.finished(report.outcome(), call.startedAt() >= 0);
            log.debug("permit {} of {}: status {} error {} in {} ms", permit.intentId(), permit.account(),
                    report.outcome().status(), report.outcome().error(), report.outcome().latencyMs());
        });
        try {
            begin(call);
        } catch (RuntimeException e) {
            log.warn("permit {} of {}: could not start the call: {}", permit.intentId(), permit.account(),
                    secrets.redact(String.valueOf(e)));
            call.finish(failed(call, OutcomeError.IO));
        }
        return call;
    }

    private void begin(PermittedCall call) {
        Permit permit = call.permit();
        AccountRules account = rules.computeIfAbsent(permit.account(), this::resolve).orElse(null);
        URI uri = account == null ? null : uriOf(permit.request());
        if (uri == null || !account.allowlist().allows(uri)) {
            log.info("permit {} of {}: URL {} is not allowed for the account, not called", permit.intentId(),
                    permit.account(), permit.request() == null ? null : secrets.redact(permit.request().url()));
            call.finish(notCalled(permit, OutcomeError.DISALLOWED_URL));
            return;
        }
        if (clock.millis() > permit.validUntil()) {
            call.finish(notCalled(permit, OutcomeError.PERMIT_EXPIRED));
            return;
        }
        RedirectingSender.Request request = new RedirectingSender.Request(permit.request().method(), uri,
                merge(merge(permit.request().headers(), permitHeaders(permit)), account.headers()),
                permit.request().body());
        waitUntil(call, permit.notBefore())
                .thenCompose(v -> hold(call, account.slots()))
                .thenCompose(v -> hold(call, global))
                .thenCompose(v -> sendIfValid(call, request, account))
                .whenComplete((exchange, failure) -> {
                    if (failure != null) {
                        call.finish(failed(call, errorOf(failure)));
                    } else if (exchange != null) {
                        call.finish(answered(call, exchange));
                    }
                });
    }

    private CompletableFuture<RedirectingSender.Exchange> sendIfValid(PermittedCall call,
                                                                     RedirectingSender.Request request,
                                                                     AccountRules account) {
        long now = clock.millis();
        Permit permit = call.permit();
        if (call.report().isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        if (now > permit.validUntil()) {
            call.finish(notCalled(permit, OutcomeError.PERMIT_EXPIRED));
            return CompletableFuture.completedFuture(null);
        }
        call.markStarted(now);
        return sender.send(request, account.allowlist(), now + account.timeoutMs(), clock::millis, call::waitingOn)
                .orTimeout(account.timeoutMs(), TimeUnit.MILLISECONDS);
    }

    /** Waits on the waiter until the clock reaches {@code at}; a waiter that wakes early is asked again. */
    private CompletableFuture<Void> waitUntil(PermittedCall call, long at) {
        if (clock.millis() >= at) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> wait = waiter.until(at).toCompletableFuture();
        call.waitingOn(wait);
        return wait.thenCompose(v -> waitUntil(call, at));
    }

    private static CompletableFuture<Void> hold(PermittedCall call, AsyncSlots slots) {
        if (slots == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ticket = slots.acquire();
        call.waitingOn(ticket);
        return ticket.thenRun(() -> call.hold(slots));
    }

    void abort(PermittedCall call, String why) {
        if (call.finish(failed(call, OutcomeError.IO))) {
            log.warn("permit {} of {}: abandoned ({})", call.permit().intentId(), call.permit().account(), why);
        }
        call.cancelStage();
    }

    private Optional<AccountRules> resolve(String account) {
        return policy.policyFor(account).map(p -> new AccountRules(
                UrlAllowlist.of(p.executor().allow()),
                p.executor().timeout().toMillis(),
                slotsOf(p),
                secrets.headersFor(account)));
    }

    private static AsyncSlots slotsOf(AccountPolicy p) {
        return p.concurrency() == null ? null : new AsyncSlots(p.concurrency());
    }

    private static URI uriOf(HttpRequest request) {
        if (request == null || request.url() == null) {
            return null;
        }
        try {
            return new URI(request.url());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Who the call is for, sent on every call: an upstream or proxy that serves several accounts or lanes (the
     * simulator's live upstream, a lane-routing proxy) learns the governor's choice of lane without parsing URLs.
     * They replace same-named intent headers so a producer cannot claim another lane; the policy's still win.
     */
    static Map<String, String> permitHeaders(Permit permit) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ACCOUNT_HEADER, permit.account());
        if (permit.lane() != null) {
            headers.put(LANE_HEADER, permit.lane());
        }
        headers.put(INTENT_HEADER, permit.intentId());
        return headers;
    }

    /** The intent's headers with the policy's on top, names compared case-insensitively. */
    static Map<String, String> merge(Map<String, String> intent, Map<String, String> policyHeaders) {
        Map<String, String> merged = new LinkedHashMap<>(intent);
        policyHeaders.forEach((name, value) -> {
            merged.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            merged.put(name, value);
        });
        return merged;
    }

    private CallReport answered(PermittedCall call, RedirectingSender.Exchange exchange) {
        Permit permit = call.permit();
        long started = call.startedAt();
        long finished = Math.max(clock.millis(), started);
        HttpHeaders headers = exchange.headers();
        Long retryAfter = headers.firstValue("retry-after")
                .map(v -> RetryAfter.parseMs(v, headers.firstValue("date").orElse(null), finished))
                .orElse(null);
        RateLimitInfo rateLimit = RateLimitHeaders.parse(headers, finished);
        OutcomeError error = exchange.redirectRefused() ? OutcomeError.DISALLOWED_URL
                : exchange.tooManyRedirects() ? OutcomeError.IO : null;
        if (error != null) {
            log.info("permit {} of {}: redirect to {} not followed ({})", permit.intentId(), permit.account(),
                    secrets.redact(exchange.uri().toString()), error);
        }
        Outcome outcome = new Outcome(permit.intentId(), permit.account(), permit.lane(), permit.attempt(),
                exchange.status(), error, finished - started, retryAfter, rateLimit, started, finished,
                settings.executor());
        EncodedPayload body = BodyText.encode(exchange.body().bytes(), headers.firstValue("content-type").orElse(null),
                exchange.body().truncated());
        String text = body == null ? null
                : body.encoding() == PayloadEncoding.UTF8 ? secrets.redact(body.text()) : body.text();
        Result result = new Result(permit.intentId(), permit.account(), exchange.status(),
                secrets.redact(flatten(headers)), text, body == null ? null : body.encoding(),
                exchange.body().truncated(), finished);
        return new CallReport(outcome, result);
    }

    private CallReport failed(PermittedCall call, OutcomeError error) {
        long now = clock.millis();
        long started = call.startedAt() >= 0 ? call.startedAt() : now;
        return noAnswer(call.permit(), error, started, Math.max(now, started));
    }

    private CallReport notCalled(Permit permit, OutcomeError error) {
        long now = clock.millis();
        return noAnswer(permit, error, now, now);
    }

    private CallReport noAnswer(Permit permit, OutcomeError error, long started, long finished) {
        Outcome outcome = new Outcome(permit.intentId(), permit.account(), permit.lane(), permit.attempt(), 0,
                error, finished - started, null, null, started, finished, settings.executor());
        Result result = new Result(permit.intentId(), permit.account(), 0, Map.of(), null, null, false, finished);
        return new CallReport(outcome, result);
    }

    /** The error kind of a failed call: did it reach the server (TIMEOUT, IO) or not (CONNECT)? */
    static OutcomeError errorOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnresolvedAddressException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return OutcomeError.CONNECT;
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return OutcomeError.TIMEOUT;
            }
            if (t instanceof CancellationException) {
                return OutcomeError.IO;
            }
        }
        return OutcomeError.IO;
    }

    /** Response headers as one value per name (repeats joined by ", "); HTTP/2 pseudo-headers left out. */
    static Map<String, String> flatten(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                out.put(name, String.join(", ", values));
            }
        });
        return out;
    }
}
