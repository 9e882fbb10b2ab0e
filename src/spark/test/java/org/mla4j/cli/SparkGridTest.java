package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;

/**
 * {@code --spark local[N]} (an embedded driver; the tasks train in child JVMs of its executor): the
 * runs of a grid trained as Spark tasks are the runs of the same grid trained one after another in
 * one JVM, bit for bit, with no checksum side files; a rerun trains nothing; a task whose worker is
 * killed is retried with {@code local[N,F]} and the grid ends complete; with one attempt the run is
 * reported as failed, the others finish, and a rerun trains just it; with {@code --spark-out} the run
 * directories go to that store and come back into the results directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkGridTest {
    private static final List<String> RUNS = List.of("mla-seed0", "mla-seed1", "concat-seed0", "concat-seed1");

    private Path dir;
    private Path reference;
    private volatile boolean killed;

    private List<String> compare(Path out, int epochs, String... execution) {
        List<String> args = new ArrayList<>(List.of("compare", "--data", dir.resolve("data").toString(), "--out",
                out.toString(), "--methods", "mla,concat", "--seeds", "2", "--epochs", String.valueOf(epochs),
                "--batch-size", "16", "--width", "8", "--layers", "1"));
        args.addAll(List.of(execution));
        return args;
    }

    @BeforeAll
    void trainTheReferenceInOneJvm(@TempDir Path tmp) {
        dir = tmp;
        TestDatasets.builder().samples(400).classes(3).modality("a", 24).modality("b", 12).write(dir.resolve("data"));
        reference = dir.resolve("reference");
        CliRun run = CliRun.of(compare(reference, 3, "--jobs", "1", "--quiet"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void sparkTasksGiveTheBitsOfOneJvmAndRerunsTrainNothing() throws Exception {
        Path out = dir.resolve("spark");
        CliRun spark = CliRun.of(compare(out, 3, "--spark", "local[2]"));
        assertThat(spark.exitCode()).as(spark.toString()).isZero();
        assertThat(spark.err()).contains("training as Spark tasks on local[2]");
        assertSameRuns(out, reference);
        assertThat(Files.readString(out.resolve("accuracy.csv"))).isEqualTo(Files.readString(reference.resolve("accuracy.csv")));
        assertThat(Files.readString(out.resolve("tables.md")).replace(out.toString(), "OUT"))
                .isEqualTo(Files.readString(reference.resolve("tables.md")).replace(reference.toString(), "OUT"));
        assertThat(files(out)).noneMatch(p -> p.getFileName().toString().endsWith(".crc"));

        CliRun again = CliRun.of(compare(out, 3, "--spark", "local[2]"));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("0 to train, 4 already done");
    }

    @Test
    void aTaskWhoseWorkerIsKilledIsRetried() throws Exception {
        Path out = dir.resolve("retried");
        Path slow = dir.resolve("retried-reference");
        Thread killer = new Thread(() -> killAWorkerMidRun(out));
        killer.start();
        CliRun spark = CliRun.of(compare(out, 20, "--spark", "local[2,2]"));
        killer.join();
        assertThat(killed).as("a worker was killed mid-run").isTrue();
        assertThat(spark.exitCode()).as(spark.toString()).isZero(); // its task's second attempt trained the run
        CliRun local = CliRun.of(compare(slow, 20, "--jobs", "1", "--quiet"));
        assertThat(local.exitCode()).as(local.toString()).isZero();
        assertSameRuns(out, slow);
    }

    @Test
    void aRunThatFailsItsOnlyAttemptIsReportedAndRerunAlone() throws Exception {
        Path out = dir.resolve("failed");
        Thread killer = new Thread(() -> killAWorkerMidRun(out));
        killer.start();
        CliRun spark = CliRun.of(compare(out, 20, "--spark", "local[2]", "--quiet"));
        killer.join();
        assertThat(killed).as("a worker was killed mid-run").isTrue();
        assertThat(spark.exitCode()).as(spark.toString()).isEqualTo(1);
        assertThat(spark.errorLines()).singleElement().asString().contains("1 run(s) failed", "worker process");
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"failed\"");
        CliRun rerun = CliRun.of(compare(out, 20, "--spark", "local[2]"));
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.err()).contains("1 to train, 3 already done");
    }

    @Test
    void runsGoToTheStoreAndComeBack() throws Exception {
        Path out = dir.resolve("with-store");
        Path store = dir.resolve("store");
        CliRun spark = CliRun.of(compare(out, 3, "--spark", "local[2]", "--spark-out", store.toUri().toString(),
                "--quiet"));
        assertThat(spark.exitCode()).as(spark.toString()).isZero();
        assertSameRuns(store, reference);
        assertSameRuns(out, reference);
        assertThat(store.resolve("results.json")).isRegularFile();
        assertThat(Files.readString(store.resolve("accuracy.csv"))).isEqualTo(Files.readString(out.resolve("accuracy.csv")));
        assertThat(files(store)).noneMatch(p -> p.getFileName().toString().endsWith(".crc"));

        Path fresh = dir.resolve("fresh");
        CliRun again = CliRun.of(compare(fresh, 3, "--spark", "local[2]", "--spark-out", store.toString()));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("0 to train, 4 already done");
        assertSameRuns(fresh, reference);
    }

    private static void assertSameRuns(Path results, Path expected) throws IOException {
        for (String run : RUNS) {
            Path a = expected.resolve("runs").resolve(run);
            Path b = results.resolve("runs").resolve(run);
            assertThat(Files.readAllBytes(b.resolve("model.npz"))).as(run).isEqualTo(Files.readAllBytes(a.resolve("model.npz")));
            assertThat(RunFiles.metricsWithoutTiming(b)).as(run).isEqualTo(RunFiles.metricsWithoutTiming(a));
            assertThat(RunFiles.historyWithoutTiming(b)).as(run).isEqualTo(RunFiles.historyWithoutTiming(a));
            try (Stream<Path> names = Files.list(b)) {
                assertThat(names.map(p -> p.getFileName().toString()).sorted().toList()).as(run)
                        .isEqualTo(Files.list(a).map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    /**
     * Kills one worker JVM in the middle of its run: each task starts its own worker, which loads the
     * engine and data and then trains for several seconds, so one 2.5 s old has not finished.
     */
    private void killAWorkerMidRun(Path out) {
        killed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        try {
            while (System.nanoTime() < deadline && !killed) {
                java.time.Instant cutoff = java.time.Instant.now().minusMillis(2500);
                ProcessHandle.current().descendants().filter(SparkGridTest::isWorker)
                        .filter(p -> p.info().startInstant().map(t -> t.isBefore(cutoff)).orElse(false)).findFirst()
                        .ifPresent(p -> killed = p.destroyForcibly());
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A RunWorker JVM (read from /proc: ProcessHandle.Info leaves out long command lines). */
    static boolean isWorker(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"))
                    .contains("org.mla4j.execution.RunWorker");
        } catch (IOException | RuntimeException e) {
            return false; // it has just exited
        }
    }
}
