package io.governor.bench;

import io.governor.core.admission.AccountState;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.CapacityCheck;
import io.governor.core.tenant.InMemoryTenantStates;
import io.governor.schemas.event.Intent;

/**
 * The core's limit decision alone, which is what Bucket4j decides: {@link CapacityCheck}, the code an admission
 * asks where and when an intent could go (the account's window sets jointly with the lane it picks, lanes tried
 * from the round-robin cursor), and the permit counted in every set, without the exact dedup, the lease, the
 * queue and the decision object that {@link CoreDriver} pays for around it. Same scenario, clock and step as
 * {@link Bucket4jDriver}; one intent, asked again and again, as Bucket4j is asked for a token.
 */
public final class LimitsDriver {
    private final CapacityCheck check;
    private final Intent intent = Intent.of("limits", "acct");
    private final long validityMs;
    private final long step;
    private long now = Scenario.START_MS;

    public LimitsDriver(Scenario scenario) {
        AdmissionPolicy policy = new AdmissionPolicy(scenario.policy());
        this.check = new CapacityCheck(policy, new AccountState(policy), new InMemoryTenantStates());
        this.validityMs = policy.validityMs();
        this.step = scenario.permitStepMs;
    }

    /** Permit path: the clock moves by the scenario's step, then one unit is asked for (true = permitted now). */
    public boolean permitOnce() {
        now += step;
        return waitFor(now) == 0;
    }

    /**
     * Refused path: the clock stands still; the time until a permit could go (0 when it went). With lanes, every
     * refusal after the first is answered from CapacityCheck's memo, as the admission answers a burst of intents
     * at one instant, while Bucket4j tries every bucket each time: like for like only without lanes.
     */
    public long refusedOnce() {
        return waitFor(now);
    }

    private long waitFor(long t) {
        long at = check.earliest(intent, t, intent.priority(), null, true);
        if (at == t) {
            check.commit(intent, check.chosenLane(), t, t + validityMs);
        }
        return at - t;
    }
}
