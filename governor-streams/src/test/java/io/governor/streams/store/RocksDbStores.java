package io.governor.streams.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * RocksDB stores as production opens them ({@link StorageContractTest#newRocksDbStore}), each in its own temporary
 * folder, closed and deleted after each test: register as an instance field with {@code @RegisterExtension}.
 */
final class RocksDbStores implements AfterEachCallback {
    private final List<KeyValueStore<Bytes, byte[]>> opened = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    KeyValueStore<Bytes, byte[]> open() {
        try {
            Path dir = Files.createTempDirectory("rocksdb-store-test-");
            dirs.add(dir);
            var store = StorageContractTest.newRocksDbStore(dir);
            opened.add(store);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        opened.forEach(KeyValueStore::close);
        opened.clear();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        dirs.clear();
    }
}
