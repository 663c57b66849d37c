package io.governor.streams.topology;

import io.governor.schemas.event.Permit;

/** A permit and the topic it goes to: the intent's {@code replyTo}, or null for {@code governor.permits}. */
record RoutedPermit(Permit permit, String replyTo) {
}
