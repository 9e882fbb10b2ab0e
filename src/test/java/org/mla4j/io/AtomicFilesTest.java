package org.mla4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;

/** A write either completes or leaves the previous state, and never leaves temporary files. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("report.json");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).isInstanceOf(UncheckedIOException.class).hasMessage("cannot write " + target + ": No space left on device");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(names()).containsExactly("report.json");
    }

    @Test
    void writerBugLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("model.npz");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(names()).isEmpty();
    }

    @Test
    void committedDirectoryReplacesTheOldOneWhole() throws IOException {
        Path target = Files.createDirectories(dir.resolve("run"));
        Files.writeString(target.resolve("old.txt"), "old");
        Path staging = AtomicFiles.stagingDirectoryFor(target);
        AtomicFiles.writeString(staging.resolve("new.txt"), "new");
        AtomicFiles.commitDirectory(staging, target, true);
        assertThat(names()).containsExactly("run");
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("new.txt");
        }
    }

    @Test
    void commitRefusesToOverwriteWithoutReplace() throws IOException {
        Path target = Files.createDirectories(dir.resolve("run"));
        Path staging = AtomicFiles.stagingDirectoryFor(target);
        assertThatThrownBy(() -> AtomicFiles.commitDirectory(staging, target, false))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("already exists");
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void runDirectoryFailingMidWriteRemovesItsStagingDirectory() throws IOException {
        Path target = dir.resolve("run");
        // an outcome without a model description fails after config.json is started
        RunOutcome broken = new RunOutcome(null, null, List.of(), 0, null, null, null, List.of(), null, null, 0,
                "x", "0", List.of());
        assertThatThrownBy(() -> RunDirectory.write(target, broken, java.util.Map.of(), false))
                .isInstanceOf(NullPointerException.class);
        assertThat(names()).isEmpty();
    }
}
