package io.governor.testkit;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one Kafka broker per test JVM: started on first use (see
 * {@link KafkaBrokers} for which kind), shared by every test class, stopped when the test run ends.
 *
 * <pre>{@code
 * @ExtendWith(SharedKafkaBroker.class)
 * class MyIT {
 *     @Test
 *     void shouldDoIt(KafkaFixture kafka) {           // or (KafkaBroker broker) for the bare broker
 *         kafka.createGovernorTopics(3);               // contract topics under a prefix unique to this test
 *         kafka.produce(kafka.governorTopics().intents(), "acct", intent);
 *         kafka.consumeUntil(kafka.governorTopics().permits(), 1, Duration.ofSeconds(30), Permit.class);
 *     }
 * }
 * }</pre>
 *
 * A {@link KafkaFixture} injected into a test method is that method's own (its prefix and clients); one injected
 * into a {@code @BeforeAll} method or a constructor is shared by the class's tests.
 */
public final class SharedKafkaBroker implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafkaBroker.class);
    private static final AtomicInteger FIXTURES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == KafkaFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == KafkaBroker.class) {
            return broker(context);
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KafkaFixture.class,
                key -> new KafkaFixture(broker(context), uniquePrefix(context)), KafkaFixture.class);
    }

    /** The broker of this test run, started on first call; the root store closes it when the run ends. */
    public static KafkaBroker broker(ExtensionContext context) {
        // Values of the root store that are AutoCloseable are closed by JUnit after the last test.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KafkaBroker.class, key -> KafkaBrokers.start(), KafkaBroker.class);
    }

    /** {@code t7-shouldPermitOnce.}: a counter makes it unique, the name makes a topic list readable. */
    static String uniquePrefix(ExtensionContext context) {
        String name = context.getTestMethod().map(Method::getName)
                .orElseGet(() -> context.getTestClass().map(Class::getSimpleName).orElse("test"));
        String safe = name.replaceAll("[^a-zA-Z0-9_-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(0, 60);
        }
        return "t" + FIXTURES.incrementAndGet() + "-" + safe + ".";
    }
}
