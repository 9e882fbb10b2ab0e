package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** File descriptor 2 points at /dev/null during the call and at what it was before, afterwards. */
class SilencedStderrTest {
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    @Test
    void stderrIsDevNullDuringTheCallAndRestoredAfterIt() throws IOException {
        assumeTrue(Files.exists(STDERR), "needs Linux's /proc");
        Path before = Files.readSymbolicLink(STDERR);
        AtomicReference<Path> during = new AtomicReference<>();
        SilencedStderr.run(() -> {
            try {
                during.set(Files.readSymbolicLink(STDERR));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(during.get()).isEqualTo(Path.of("/dev/null"));
        assertThat(Files.readSymbolicLink(STDERR)).isEqualTo(before);
    }

    @Test
    void stderrIsRestoredWhenTheCallFails() throws IOException {
        assumeTrue(Files.exists(STDERR), "needs Linux's /proc");
        Path before = Files.readSymbolicLink(STDERR);
        assertThatThrownBy(() -> SilencedStderr.run(() -> {
            throw new IllegalArgumentException("boom");
        })).hasMessage("boom");
        assertThat(Files.readSymbolicLink(STDERR)).isEqualTo(before);
    }
}
