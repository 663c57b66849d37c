package io.governor.testkit;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Starts the broker the build asks for: the system property {@code governor.broker} is {@code embedded} (default,
 * {@link EmbeddedKafkaBroker}) or {@code testcontainers} ({@link TestcontainersKafkaBroker}, needs Docker).
 */
public final class KafkaBrokers {
    public static final String PROPERTY = "governor.broker";

    private KafkaBrokers() {
    }

    /** Starts the selected broker and prints one line saying where it is and how long it took to start. */
    public static KafkaBroker start() {
        return start(System.getProperty(PROPERTY, "embedded"));
    }

    /**
     * Starts the broker of {@code kind} ({@code embedded} or {@code testcontainers}, blank meaning embedded).
     *
     * @throws IllegalArgumentException for any other kind
     */
    public static KafkaBroker start(String kind) {
        String selected = kind == null || kind.isBlank() ? "embedded" : kind.trim().toLowerCase(Locale.ROOT);
        long started = System.nanoTime();
        KafkaBroker broker = switch (selected) {
            case "embedded" -> EmbeddedKafkaBroker.start();
            case "testcontainers" -> startTestcontainers();
            default -> throw new IllegalArgumentException(
                    PROPERTY + ": expected embedded or testcontainers, was \"" + kind + "\"");
        };
        System.out.println(readyLine(broker, System.nanoTime() - started));
        return broker;
    }

    /** {@code Kafka broker (embedded KRaft) ready at 127.0.0.1:41237 in 2.8 s}. */
    public static String readyLine(KafkaBroker broker, long elapsedNanos) {
        return String.format(Locale.ROOT, "Kafka broker (%s) ready at %s in %.1f s",
                broker.description(), broker.bootstrapServers(), elapsedNanos / 1e9);
    }

    // By name, so that neither this class nor the default path links against the optional Testcontainers jars.
    private static KafkaBroker startTestcontainers() {
        String name = KafkaBrokers.class.getPackageName() + ".TestcontainersKafkaBroker";
        try {
            return (KafkaBroker) Class.forName(name).getMethod("start").invoke(null);
        } catch (NoClassDefFoundError | ClassNotFoundException e) {
            throw missingTestcontainers(e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoClassDefFoundError) {
                throw missingTestcontainers(cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Testcontainers Kafka broker did not start: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e, e);
        }
    }

    private static IllegalStateException missingTestcontainers(Throwable cause) {
        return new IllegalStateException(PROPERTY + "=testcontainers needs org.testcontainers:testcontainers-kafka on the"
                + " test classpath (an optional dependency of governor-testkit)", cause);
    }
}
