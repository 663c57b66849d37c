package io.governor.core.admission;

import io.governor.core.feedback.ScopeFeedback;
import io.governor.core.window.Window;
import io.governor.core.window.WindowSet;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.event.QuotaSnapshot.WindowUsage;
import java.util.ArrayList;
import java.util.List;

/** QuotaSnapshots of an account and its lanes, read from the state without changing it. */
final class QuotaSnapshots {
    private QuotaSnapshots() {
    }

    static List<QuotaSnapshot> of(String account, AdmissionPolicy policy, AccountState state, int queueDepth,
                                  long now) {
        List<QuotaSnapshot> out = new ArrayList<>(1 + state.lanes.length);
        out.add(snapshot(account, null, state.account, state.accountFeedback, queueDepth,
                (int) Math.min(Integer.MAX_VALUE, state.inFlight), now));
        for (int i = 0; i < state.lanes.length; i++) {
            // The queue is the account's; a lane reports only what is in flight on it.
            out.add(snapshot(account, policy.lanes().get(i), state.lanes[i], state.laneFeedback[i], 0,
                    state.laneFeedback[i].inFlight(), now));
        }
        return out;
    }

    private static QuotaSnapshot snapshot(String account, String lane, WindowSet set, ScopeFeedback feedback,
                                          int queueDepth, int inFlight, long now) {
        List<WindowUsage> windows = new ArrayList<>(set.windows().size());
        List<Window> ws = set.windows();
        for (int i = 0; i < ws.size(); i++) {
            Window w = ws.get(i);
            long effective = set.effectiveMax(i);
            long used = w.usedAt(now);
            Long resetAt = used == 0 ? null : Math.max(0, w.earliest(now, 1, used));
            windows.add(new WindowUsage(set.windowName(i), w.spec().max(), effective, used,
                    Math.max(0, effective - used), resetAt));
        }
        return new QuotaSnapshot(Math.max(0, now), account, lane, windows, Math.max(0, queueDepth),
                Math.max(0, inFlight), feedback.circuitState(now), set.factor(), null, null);
    }
}
