package io.governor.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.governor.schemas.event.Priority;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

/** GroupKey's written-out equals and hashCode mean what a record's would: equal components, equal keys. */
class GroupKeyProperties {

    @Property(tries = 500)
    void shouldBeEqualExactlyWhenEveryComponentIs(@ForAll Priority p1, @ForAll Priority p2,
                                                 @ForAll @WithNull @StringLength(max = 2) String t1,
                                                 @ForAll @WithNull @StringLength(max = 2) String t2,
                                                 @ForAll @WithNull @StringLength(max = 2) String l1,
                                                 @ForAll @WithNull @StringLength(max = 2) String l2) {
        GroupKey a = new GroupKey(p1, t1, l1);
        GroupKey b = new GroupKey(p2, t2 == null ? null : new String(t2), l2 == null ? null : new String(l2));
        boolean same = p1 == p2 && a.tenant().equals(b.tenant()) && a.lane().equals(b.lane());
        if (same) {
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
        } else {
            assertNotEquals(a, b);
        }
    }
}
