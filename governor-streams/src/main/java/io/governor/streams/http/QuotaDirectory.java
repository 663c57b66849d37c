package io.governor.streams.http;

import java.util.List;
import java.util.Optional;

/**
 * Where accounts' latest snapshots live among the instances of one governor, and this instance's own. The
 * endpoint asks it; {@link StreamsQuotaDirectory} answers from Kafka Streams' metadata and the local store.
 */
public interface QuotaDirectory {

    /** Which instance owns {@code account} right now. */
    Location locate(String account);

    /** The account's snapshots (a JSON array) if this instance has them. */
    Optional<String> local(String account) throws UnavailableException;

    /** Every account's snapshots held here: one JSON array per account. */
    List<String> allLocal() throws UnavailableException;

    /** The other instances of this governor that may hold snapshots. */
    List<Location.Remote> others() throws UnavailableException;

    /** Where an account lives. */
    sealed interface Location {
        /** This instance. */
        record Here() implements Location {
        }

        /** Another instance, reached over HTTP at host:port. */
        record Remote(String host, int port) implements Location {
        }

        /** Nobody can say right now (starting, rebalancing), and why. */
        record Unavailable(String why) implements Location {
        }
    }

    /** The local store cannot be read right now (e.g. its task is being moved). */
    final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
