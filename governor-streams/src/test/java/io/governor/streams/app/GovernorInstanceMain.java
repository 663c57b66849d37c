package io.governor.streams.app;

import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.streams.GovernorStreamsOptions;
import io.governor.streams.topology.AccountPolicyParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A governor instance in its own JVM, so a fault test can kill it the hard way. Args: bootstrap, state dir,
 * topic prefix. Policy: {@link #ACCOUNTS} accounts of {@link #PER_SECOND}/s and {@link #PER_MINUTE}/min.
 */
public final class GovernorInstanceMain {
    static final int ACCOUNTS = 30;
    static final int PER_SECOND = 50;
    static final int PER_MINUTE = 1000;

    private GovernorInstanceMain() {
    }

    static PolicyDocument policy() {
        Map<String, AccountPolicy> accounts = new HashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.put("acct-" + i, new AccountPolicy(List.of(LimitSpec.rolling(PER_SECOND, Duration.ofSeconds(1)),
                    LimitSpec.rolling(PER_MINUTE, Duration.ofMinutes(1))), 1.0, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null));
        }
        return new PolicyDocument(null, accounts);
    }

    static GovernorStreamsOptions options(String bootstrap, Path stateDir, String prefix) {
        return new GovernorStreamsOptions(bootstrap, "governor-it-" + prefix.replace('.', '-'), stateDir, prefix,
                null, null, null, null, 0, true, 3, (short) 1);
    }

    /** A killed instance's partitions move after the session timeout: keep it short so the test is quick. */
    static final Map<String, Object> FAST_FAILOVER = Map.of(
            "consumer.session.timeout.ms", 6_000, "consumer.heartbeat.interval.ms", 1_000);

    static AccountPolicyParser noRuntimePolicies() {
        return (account, json, defaults) -> {
            throw new IllegalArgumentException("no run-time policies in this test");
        };
    }

    public static void main(String[] args) throws Exception {
        var app = new GovernorApp(options(args[0], Path.of(args[1]), args[2]), policy(), noRuntimePolicies(),
                FAST_FAILOVER);
        app.start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        Thread.currentThread().join();
    }
}
