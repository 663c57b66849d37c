package io.governor.simulator.upstream;

import io.governor.schemas.scenario.LatencySpec;
import java.util.random.RandomGenerator;

/** A lognormal latency whose median and 99th percentile are the spec's p50 and p99. */
final class LatencyModel {
    /** The standard normal's 99th percentile. */
    private static final double Z99 = 2.3263478740408408;

    private final double mu;
    private final double sigma;
    private final boolean zero;

    LatencyModel(LatencySpec spec) {
        long p50 = spec.p50().toMillis();
        long p99 = spec.p99().toMillis();
        zero = p50 <= 0;
        mu = zero ? 0 : Math.log(p50);
        sigma = zero ? 0 : Math.log((double) Math.max(p99, p50) / p50) / Z99;
    }

    long draw(RandomGenerator random) {
        double z = random.nextGaussian();
        return zero ? 0 : Math.round(Math.exp(mu + sigma * z));
    }
}
