package io.governor.schemas.scenario;

/**
 * One source of intents in a scenario: a {@link BacklogTraffic} (all at the start, a crawl), a
 * {@link RateTraffic} (a steady, Poisson or bursty stream for the whole run) or a {@link TraceTraffic}
 * (recorded intents replayed).
 */
public sealed interface TrafficSpec permits BacklogTraffic, RateTraffic, TraceTraffic {
}
