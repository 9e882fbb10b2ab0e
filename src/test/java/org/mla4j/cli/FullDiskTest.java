package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;

/**
 * A full disk: results and checkpoints written to a 64 KiB tmpfs fail with one line, exit 1, and
 * leave the file system as it was. Opt-in, because mounting needs root:
 * {@code mvn test -Dtest=FullDiskTest -Dmla4j.test.tmpfs=true}. The mount is always removed.
 */
@EnabledIfSystemProperty(named = "mla4j.test.tmpfs", matches = "true")
class FullDiskTest {
    @TempDir
    Path dir;

    Path disk;
    boolean mounted;

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        mounted = p.waitFor() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here: " + new String(p.getInputStream().readAllBytes()));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            assertThat(new ProcessBuilder("umount", disk.toString()).start().waitFor()).isZero();
        }
    }

    private void assertDiskFullFailure(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errorLines()).as(run.toString()).singleElement().asString()
                .contains(disk.toString(), "No space left on device");
        assertThat(run.err()).doesNotContain("\tat ");
        try (Stream<Path> left = Files.list(disk)) {
            assertThat(left).as("nothing may be left on the full disk").isEmpty();
        }
    }

    @Test
    void runDirectoryOnAFullDisk() throws IOException {
        Path data = TestDatasets.write(dir.resolve("data"));
        assertDiskFullFailure(CliRun.of("train", "--data", data.toString(), "--out", disk.resolve("run").toString(),
                "--epochs", "1", "--width", "128", "--quiet"));
    }

    @Test
    void checkpointOnAFullDisk() throws IOException {
        Path data = TestDatasets.write(dir.resolve("data"));
        assertDiskFullFailure(CliRun.of("train", "--data", data.toString(), "--out", disk.resolve("run").toString(),
                "--epochs", "3", "--width", "128", "--checkpoint-every", "1", "--quiet"));
    }
}
