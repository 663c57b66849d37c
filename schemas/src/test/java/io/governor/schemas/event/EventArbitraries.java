package io.governor.schemas.event;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Valid samples of every contract event, for property tests here and in other modules' tests. */
public final class EventArbitraries {
    private EventArbitraries() {
    }

    /** Text of 1..max chars, with some non-ASCII so UTF-8 handling is exercised. */
    public static Arbitrary<String> text(int max) {
        return Arbitraries.strings().alpha().numeric().withChars("-_.:/ éü日").ofMinLength(1).ofMaxLength(Math.min(max, 24));
    }

    static Arbitrary<String> optionalText() {
        return text(24).injectNull(0.3);
    }

    static Arbitrary<Long> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L);
    }

    static Arbitrary<Map<String, String>> stringMaps() {
        return Arbitraries.maps(text(12), text(24)).ofMaxSize(3);
    }

    public static Arbitrary<HttpRequest> requests() {
        return Combinators.combine(Arbitraries.of("GET", "POST"), text(64).map(s -> "https://api.example.org/" + s),
                stringMaps(), optionalText()).as(HttpRequest::new);
    }

    public static Arbitrary<Intent> intents() {
        var head = Combinators.combine(text(128), text(64), optionalText(), optionalText(),
                Arbitraries.of(Priority.class), Arbitraries.integers().between(1, 100), optionalText(),
                instants().injectNull(0.5)).as(Tuple::of);
        var tail = Combinators.combine(instants().injectNull(0.5), Arbitraries.integers().between(1, 10).injectNull(0.5),
                text(24).list().ofMaxSize(3), optionalText(), requests().injectNull(0.5), stringMaps(),
                instants().injectNull(0.5)).as(Tuple::of);
        return Combinators.combine(head, tail).as((h, t) -> new Intent(h.get1(), h.get2(), h.get3(), h.get4(),
                h.get5(), h.get6(), h.get7(), h.get8(), t.get1(), t.get2(), t.get3(), t.get4(), t.get5(), t.get6(),
                t.get7()));
    }

    public static Arbitrary<Permit> permits() {
        var head = Combinators.combine(text(128), text(64), optionalText(), optionalText(), Arbitraries.of(Priority.class),
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(0, 5), instants()).as(Tuple::of);
        var tail = Combinators.combine(instants(), Arbitraries.longs().between(0, 60_000),
                Arbitraries.longs().between(0, 3_600_000), requests().injectNull(0.5), stringMaps()).as(Tuple::of);
        return Combinators.combine(head, tail).as((h, t) -> new Permit(h.get1(), h.get2(), h.get3(), h.get4(),
                h.get5(), h.get6(), h.get7(), h.get8(), t.get1(), t.get1() + t.get2(), t.get3(), t.get4(), t.get5()));
    }

    public static Arbitrary<Deferral> deferrals() {
        return Combinators.combine(text(128), text(64), Arbitraries.of(DeferralReason.class),
                Arbitraries.of("1s", "1m", "1h", "1d@Australia/Sydney").injectNull(0.3), instants().injectNull(0.3),
                Arbitraries.integers().between(0, 100_000), instants()).as(Deferral::new);
    }

    public static Arbitrary<Rejection> rejections() {
        return Combinators.combine(text(128), text(64), Arbitraries.of(RejectionReason.class), optionalText(),
                instants()).as(Rejection::new);
    }

    public static Arbitrary<RateLimitInfo> rateLimits() {
        var count = Arbitraries.longs().between(0, 100_000).injectNull(0.2);
        return Combinators.combine(count, count, instants().injectNull(0.2)).as(RateLimitInfo::new);
    }

    public static Arbitrary<Outcome> outcomes() {
        var head = Combinators.combine(text(128), text(64), optionalText(), Arbitraries.integers().between(0, 5),
                Arbitraries.of(0, 200, 204, 403, 429, 500, 503), Arbitraries.of(OutcomeError.class).injectNull(0.6),
                Arbitraries.longs().between(0, 60_000), Arbitraries.longs().between(0, 120_000).injectNull(0.6))
                .as(Tuple::of);
        var tail = Combinators.combine(rateLimits().injectNull(0.4), instants(), Arbitraries.longs().between(0, 60_000),
                optionalText()).as(Tuple::of);
        return Combinators.combine(head, tail).as((h, t) -> new Outcome(h.get1(), h.get2(), h.get3(), h.get4(),
                h.get5(), h.get6(), h.get7(), h.get8(), t.get1(), t.get2(), t.get2() + t.get3(), t.get4()));
    }

    public static Arbitrary<Result> results() {
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                text(64).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(32));
        return Combinators.combine(text(128), text(64), Arbitraries.integers().between(0, 599), stringMaps(),
                        bodies.injectNull(0.2), Arbitraries.of(true, false), instants())
                .as(Result::of);
    }

    public static Arbitrary<QuotaSnapshot.WindowUsage> windowUsages() {
        return Combinators.combine(Arbitraries.of("1s", "1m", "1h", "1d"), Arbitraries.longs().between(1, 100_000),
                        Arbitraries.longs().between(0, 100_000), Arbitraries.longs().between(0, 100_000),
                        Arbitraries.longs().between(0, 100_000), instants().injectNull(0.3))
                .as(QuotaSnapshot.WindowUsage::new);
    }

    public static Arbitrary<QuotaSnapshot.Counts> counts() {
        var n = Arbitraries.longs().between(0, 10_000);
        return Combinators.combine(n, n, n, n, n, n, n, n).as(QuotaSnapshot.Counts::new);
    }

    public static Arbitrary<QuotaSnapshot.WaitPercentiles> waits() {
        return Combinators.combine(Arbitraries.longs().between(0, 60_000), Arbitraries.longs().between(0, 60_000))
                .as((p50, extra) -> new QuotaSnapshot.WaitPercentiles(p50, p50 + extra));
    }

    public static Arbitrary<QuotaSnapshot> quotaSnapshots() {
        var head = Combinators.combine(instants(), text(64), optionalText(), windowUsages().list().ofMaxSize(3),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 64),
                Arbitraries.of(CircuitState.class), Arbitraries.doubles().between(0.01, 1.0)).as(Tuple::of);
        return Combinators.combine(head, counts(), waits().injectNull(0.3)).as((h, c, w) -> new QuotaSnapshot(
                h.get1(), h.get2(), h.get3(), h.get4(), h.get5(), h.get6(), h.get7(), h.get8(), c, w));
    }

    public static Arbitrary<Alert> alerts() {
        var ratio = Arbitraries.doubles().between(0, 1).injectNull(0.3);
        return Combinators.combine(instants(), text(64), optionalText(), Arbitraries.of(AlertKind.class), ratio, ratio,
                text(200)).as(Alert::new);
    }

    public static Arbitrary<DeadLetter> deadLetters() {
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                text(64).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(32)).injectNull(0.2);
        var head = Combinators.combine(text(64), Arbitraries.integers().between(0, 63),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2), bytes, bytes).as(Tuple::of);
        return Combinators.combine(head, text(200), Arbitraries.of("MISSING_FIELD", "WRONG_TYPE").injectNull(0.3),
                        optionalText(), instants())
                .as((h, error, reason, field, at) -> {
                    EncodedPayload key = EncodedPayload.of(h.get4());
                    EncodedPayload value = EncodedPayload.of(h.get5());
                    return new DeadLetter(h.get1(), h.get2(), h.get3(),
                            key == null ? null : key.text(), key == null ? null : key.encoding(),
                            value == null ? null : value.text(), value == null ? null : value.encoding(),
                            error, reason, field, at);
                });
    }

    /** Every event type with its samples. */
    public static List<Arbitrary<? extends Record>> all() {
        return List.of(intents(), permits(), deferrals(), rejections(), outcomes(), results(), quotaSnapshots(),
                alerts(), deadLetters());
    }

    /** Any event of any type. */
    public static Arbitrary<Record> anyEvent() {
        return Arbitraries.oneOf(all().stream().map(a -> a.map(Record.class::cast)).toList());
    }
}
