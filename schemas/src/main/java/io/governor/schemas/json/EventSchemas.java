package io.governor.schemas.json;

import io.governor.schemas.event.Alert;
import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.event.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON Schemas (draft 2020-12) of the contract events, shipped in this jar under {@code schemas/}, one
 * {@code <Event>.schema.json} per event record, so non-Java producers can validate what they send.
 */
public final class EventSchemas {
    /** The directory of the schemas on the classpath. */
    public static final String DIRECTORY = "schemas/";

    private static final List<Class<? extends Record>> EVENTS = List.of(Intent.class, Permit.class, Deferral.class,
            Rejection.class, Outcome.class, Result.class, QuotaSnapshot.class, Alert.class, DeadLetter.class);

    private EventSchemas() {
    }

    /** Every event type that has a schema, in the contract's order. */
    public static List<Class<? extends Record>> events() {
        return EVENTS;
    }

    /** Classpath resource name of {@code event}'s schema, e.g. {@code schemas/Permit.schema.json}. */
    public static String resourceName(Class<?> event) {
        if (!EVENTS.contains(event)) {
            throw new IllegalArgumentException(event.getName() + " is not a contract event; events are "
                    + EVENTS.stream().map(Class::getSimpleName).toList());
        }
        return DIRECTORY + event.getSimpleName() + ".schema.json";
    }

    /** Location of {@code event}'s schema. */
    public static URL resource(Class<?> event) {
        URL url = EventSchemas.class.getClassLoader().getResource(resourceName(event));
        if (url == null) {
            throw new IllegalStateException("schema " + resourceName(event) + " missing from the classpath");
        }
        return url;
    }

    /** Text of {@code event}'s schema. */
    public static String text(Class<?> event) {
        try (InputStream in = resource(event).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourceName(event), e);
        }
    }
}
