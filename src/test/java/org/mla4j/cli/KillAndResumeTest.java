package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;

/**
 * Checkpoints survive a real SIGKILL, and training is a function of (seed, thread count):
 * <ul>
 *   <li>a training process is killed with SIGKILL right after its first checkpoint (so in the middle
 *       of the next epoch), resumed with {@code --resume}, and must end with exactly the metrics,
 *       history and model of an uninterrupted run;</li>
 *   <li>the same run in another process gives bit-identical metrics and model;</li>
 *   <li>another seed gives another run.</li>
 * </ul>
 * Uses a synthetic dataset with many small batches and runs one process at a time (the machine's
 * cores are shared), so the class takes seconds.
 */
class KillAndResumeTest {
    private static final int EPOCHS = 3;

    @TempDir
    Path dir;

    private List<String> train(Path out, long seed, int epochs, String... extra) {
        Path data = dir.resolve("data");
        if (!Files.exists(data)) {
            TestDatasets.builder().samples(800).classes(4).modality("a", 48).modality("b", 24).write(data);
        }
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString(),
                "--epochs", String.valueOf(epochs), "--batch-size", "16", "--width", "16", "--layers", "2",
                "--seed", String.valueOf(seed), "--quiet"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void killedRunResumesToTheUninterruptedResultAndProcessesAgree() throws Exception {
        // 1. a child process trains with a checkpoint after every epoch; kill -9 it once the first exists
        Path killed = dir.resolve("killed");
        Process child = ChildProcess.start(dir.resolve("killed.log"),
                train(killed, 0, EPOCHS, "--checkpoint-every", "1").toArray(String[]::new));
        Path checkpoint = killed.resolve("checkpoint").resolve("checkpoint.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(child.isAlive()).as("the child must still be training when killed; log:\n%s",
                log(dir.resolve("killed.log"))).isTrue();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no cleanup
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(killed.resolve("metrics.json")).doesNotExist();
        assertThat(checkpoint).exists();

        // 2. resume the killed run here, and run the reference here too
        CliRun resumed = CliRun.of("train", "--resume", killed.toString(), "--quiet");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        Path reference = dir.resolve("reference");
        CliRun uninterrupted = CliRun.of(train(reference, 0, EPOCHS));
        assertThat(uninterrupted.exitCode()).as(uninterrupted.toString()).isZero();

        assertThat(killed.resolve("checkpoint")).doesNotExist();
        assertThat(RunFiles.metricsWithoutTiming(killed)).isEqualTo(RunFiles.metricsWithoutTiming(reference));
        assertThat(RunFiles.historyWithoutTiming(killed)).isEqualTo(RunFiles.historyWithoutTiming(reference));
        assertThat(Files.readAllBytes(killed.resolve("model.npz"))).isEqualTo(Files.readAllBytes(reference.resolve("model.npz")));
        assertThat(Files.readString(killed.resolve("config.json"))).contains("\"resumed\"", "\"after_epoch\"");

        // 3. another process agrees bit for bit
        Process other = ChildProcess.start(dir.resolve("other.log"), train(dir.resolve("other"), 0, EPOCHS).toArray(String[]::new));
        assertThat(other.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).as(log(dir.resolve("other.log"))).isZero();
        assertThat(RunFiles.metricsWithoutTiming(dir.resolve("other"))).isEqualTo(RunFiles.metricsWithoutTiming(reference));
        assertThat(Files.readAllBytes(dir.resolve("other").resolve("model.npz")))
                .isEqualTo(Files.readAllBytes(reference.resolve("model.npz")));

        // 4. another seed is another run (its first epoch already differs)
        Path seed1 = dir.resolve("seed1");
        assertThat(CliRun.of(train(seed1, 1, 1)).exitCode()).isZero();
        assertThat(RunFiles.historyWithoutTiming(seed1).get(1))
                .isNotEqualTo(RunFiles.historyWithoutTiming(reference).get(1));
    }

    private static String log(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no log)";
    }
}
