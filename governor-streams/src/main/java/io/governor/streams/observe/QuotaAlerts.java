package io.governor.streams.observe;

import io.governor.schemas.event.Alert;
import io.governor.schemas.event.AlertKind;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.policy.AlertSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns snapshots into alerts, each once per crossing: a quota threshold fires when a window's use reaches it and
 * fires again only after the use has fallen below it (a calendar window's reset, or a rolling window emptying); a
 * ratio fires when an interval's ratio rises above the policy's line and again only after an interval at or
 * below it. So a window that stays full alerts once, not every snapshot.
 */
final class QuotaAlerts {
    /** Per account, lane and window: how many of the policy's quota thresholds (ascending) have fired. */
    private final Map<String, Map<String, Integer>> quotaFired = new HashMap<>();
    /** Per account and lane: which ratio alerts are above their line. */
    private final Map<String, Map<String, boolean[]>> ratioAbove = new HashMap<>();

    /** Quota threshold alerts of one snapshot. */
    List<Alert> quota(QuotaSnapshot s, AlertSpec spec) {
        if (spec == null || spec.quota().isEmpty()) {
            return List.of();
        }
        List<Double> thresholds = spec.quota().stream().sorted().distinct().toList();
        Map<String, Integer> fired = quotaFired.computeIfAbsent(s.account(), a -> new HashMap<>());
        List<Alert> alerts = new ArrayList<>(0);
        for (QuotaSnapshot.WindowUsage w : s.windows()) {
            String key = (s.lane() == null ? "" : s.lane()) + '/' + w.window();
            double use = w.effectiveMax() == 0 ? 1.0 : (double) w.used() / w.effectiveMax();
            int reached = 0;
            while (reached < thresholds.size() && use >= thresholds.get(reached)) {
                reached++;
            }
            int before = fired.getOrDefault(key, 0);
            if (reached > before) {
                double line = thresholds.get(reached - 1);
                alerts.add(new Alert(s.at(), s.account(), s.lane(), AlertKind.QUOTA_THRESHOLD, use, line,
                        scope(s) + " used " + w.used() + " of " + w.effectiveMax() + " in window " + w.window()
                                + " (" + percent(use) + ", threshold " + percent(line) + ")"));
            }
            if (reached != before) {
                fired.put(key, reached);
            }
        }
        return alerts;
    }

    /** Rate-limited and error ratio alerts over one snapshot interval's outcomes. */
    List<Alert> ratios(QuotaSnapshot s, IntervalActivity activity, AlertSpec spec) {
        if (spec == null || activity.outcomes() == 0) {
            return List.of();
        }
        boolean[] above = ratioAbove.computeIfAbsent(s.account(), a -> new HashMap<>())
                .computeIfAbsent(s.lane() == null ? "" : s.lane(), l -> new boolean[2]);
        List<Alert> alerts = new ArrayList<>(0);
        ratio(s, AlertKind.RATE_LIMITED_RATIO, activity.rateLimitedRatio(), spec.rateLimitedRatio(), above, 0,
                "answered 429", activity, alerts);
        ratio(s, AlertKind.ERROR_RATIO, activity.errorRatio(), spec.errorRatio(), above, 1,
                "failed (5xx or timeout)", activity, alerts);
        return alerts;
    }

    void forget(String account) {
        quotaFired.remove(account);
        ratioAbove.remove(account);
    }

    private static void ratio(QuotaSnapshot s, AlertKind kind, double value, Double line, boolean[] above, int i,
                              String what, IntervalActivity activity, List<Alert> alerts) {
        if (line == null) {
            return;
        }
        boolean now = value > line;
        if (now && !above[i]) {
            alerts.add(new Alert(s.at(), s.account(), s.lane(), kind, value, line, scope(s) + ": " + percent(value)
                    + " of " + activity.outcomes() + " calls " + what + " since the last snapshot (threshold "
                    + percent(line) + ")"));
        }
        above[i] = now;
    }

    private static String scope(QuotaSnapshot s) {
        return "account " + s.account() + (s.lane() == null ? "" : " lane " + s.lane());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
