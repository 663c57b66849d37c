package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.util.HashSet;
import java.util.List;

/** A pool of lanes (IPs, proxies, API keys); each member has its own copy of {@code limits}. */
public record LaneSpec(List<String> members, List<LimitSpec> limits) {
    public LaneSpec {
        if (members == null || members.isEmpty()) {
            throw new InvalidFieldException("members", "must name at least one lane");
        }
        members = List.copyOf(members);
        var seen = new HashSet<String>();
        for (int i = 0; i < members.size(); i++) {
            String m = members.get(i);
            if (m == null || m.isBlank()) {
                throw new InvalidFieldException("members[" + i + "]", "must not be empty");
            }
            if (!seen.add(m)) {
                throw new InvalidFieldException("members[" + i + "]", "duplicate lane \"" + m + "\"");
            }
        }
        limits = limits == null ? List.of() : List.copyOf(limits);
    }
}
