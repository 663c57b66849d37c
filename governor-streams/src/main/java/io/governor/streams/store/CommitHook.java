package io.governor.streams.store;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store without data whose one job is to run its processor's {@link #beforeCommit} action when the task
 * is about to commit: before a commit a task flushes the caches of its stores (which write their pending entries
 * to the changelog), then its record collector, then commits its offsets (in its transaction under exactly-once).
 * The Processor API has no pre-commit callback; a cached store's flush is the moment Kafka's own record cache
 * uses, and this store takes the same place.
 *
 * <p>{@link CachedStateStore} is a Kafka Streams internal interface: a change of that contract would show in
 * {@code CommitHookTopologyTest}, which checks on TopologyTestDriver that every commit sees the action's writes.
 */
public final class CommitHook implements StateStore, CachedStateStore<Object, Object> {
    /** Name of the hook in the governor's topology. */
    public static final String STORE = "governor-commit-hook";

    private final String name;
    private Runnable beforeCommit = () -> {
    };
    private boolean open;

    private CommitHook(String name) {
        this.name = name;
    }

    /** What to do before each commit of this task; replaces the previous action. */
    public void beforeCommit(Runnable action) {
        this.beforeCommit = Objects.requireNonNull(action, "action");
    }

    @Override
    public void flushCache() {
        beforeCommit.run();
    }

    /** Called when a task is closed dirty: its processor is initialised again before it runs, nothing to drop. */
    @Override
    public void clearCache() {
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    /** Builds the hook; it has no changelog and no cache of its own. */
    public static StoreBuilder<CommitHook> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<CommitHook> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitHook> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitHook> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<CommitHook> withLoggingDisabled() {
                return this;
            }

            @Override
            public CommitHook build() {
                return new CommitHook(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
