package io.governor.executor;

import io.governor.executor.call.CallExecutor;
import io.governor.schemas.policy.PolicyLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * An executor in its own JVM, so that an IT can kill it for real (destroyForcibly) or send it SIGTERM.
 * Arguments: bootstrap policyFile groupId topicsPrefix atLeastOnce(true|false) concurrency.
 */
public final class ExecutorChild {
    private ExecutorChild() {
    }

    public static void main(String[] args) {
        ExecutorOptions options = new ExecutorOptions(args[0], Path.of(args[1]), Integer.parseInt(args[5]), 4096,
                Duration.ofSeconds(10), Boolean.parseBoolean(args[4]), args[2], args[3]);
        // A short session: the group notices a killed member in seconds, not the default 45 s.
        ExecutorApp app = new ExecutorApp(options, PolicyLoader.load(options.policy()), System::getenv,
                new SimpleMeterRegistry(), Clock.systemUTC(), CallExecutor.defaultClient(),
                Map.of("session.timeout.ms", 6000, "heartbeat.interval.ms", 500));
        System.exit(app.runUntilSignalled());
    }
}
