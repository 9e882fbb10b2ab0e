package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.io.Json;

/**
 * {@code --jobs N}: a grid trained by N child JVMs gives the runs one JVM gives one after another,
 * bit for bit (model.npz, metrics.json and history.csv apart from their timing fields, config.json's
 * settings), and the same results files; a rerun trains nothing; a diverging run is reported the same
 * way as in-process; a worker that is killed fails its run only, and a rerun trains just that one; a
 * killed parent takes its workers with it and leaves only finished run directories.
 */
class ParallelGridTest {
    private static final List<String> RUNS = List.of("mla-seed0", "mla-seed1", "concat-seed0", "concat-seed1");

    @TempDir
    Path dir;

    private Path data() {
        Path data = dir.resolve("data");
        if (!Files.exists(data)) {
            TestDatasets.builder().samples(400).classes(3).modality("a", 24).modality("b", 12).write(data);
        }
        return data;
    }

    private List<String> compare(Path out, String jobs, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--data", data().toString(), "--out", out.toString(),
                "--methods", "mla,concat", "--seeds", "2", "--epochs", String.valueOf(epochs), "--batch-size", "16",
                "--width", "8", "--layers", "1", "--jobs", jobs, "--quiet"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void twoJobsGiveTheBitsOfOneAndRerunsTrainNothing() throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        CliRun sequential = CliRun.of(compare(one, "1", 3));
        assertThat(sequential.exitCode()).as(sequential.toString()).isZero();
        CliRun parallel = CliRun.of(compare(two, "2", 3));
        assertThat(parallel.exitCode()).as(parallel.toString()).isZero();
        for (String run : RUNS) {
            Path a = one.resolve("runs").resolve(run);
            Path b = two.resolve("runs").resolve(run);
            assertThat(Files.readAllBytes(b.resolve("model.npz"))).as(run).isEqualTo(Files.readAllBytes(a.resolve("model.npz")));
            assertThat(Files.readString(b.resolve("model.json"))).as(run).isEqualTo(Files.readString(a.resolve("model.json")));
            assertThat(RunFiles.metricsWithoutTiming(b)).as(run).isEqualTo(RunFiles.metricsWithoutTiming(a));
            assertThat(RunFiles.historyWithoutTiming(b)).as(run).isEqualTo(RunFiles.historyWithoutTiming(a));
            assertThat(settings(b)).as(run).isEqualTo(settings(a));
            JsonNode provenance = Json.MAPPER.readTree(b.resolve("config.json").toFile()).get("provenance");
            assertThat(provenance.get("engine_threads").asText()).isEqualTo("1");
            assertThat(provenance.get("device").asText()).isEqualTo("cpu");
        }
        // the same tables: --jobs is not part of the command that regenerates them
        assertThat(Files.readString(two.resolve("tables.md")).replace(two.toString(), "OUT"))
                .isEqualTo(Files.readString(one.resolve("tables.md")).replace(one.toString(), "OUT"));
        assertThat(Files.readString(two.resolve("accuracy.csv"))).isEqualTo(Files.readString(one.resolve("accuracy.csv")));
        assertThat(Files.readString(two.resolve("tables.md"))).doesNotContain("--jobs");

        byte[] before = Files.readAllBytes(two.resolve("runs/mla-seed0/metrics.json"));
        CliRun again = CliRun.of(compare(two, "2", 3).stream().filter(a -> !a.equals("--quiet")).toList());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("0 to train").doesNotContain(": training");
        assertThat(Files.readAllBytes(two.resolve("runs/mla-seed0/metrics.json"))).isEqualTo(before);
    }

    @Test
    void aDivergingRunIsReportedAsInProcess() {
        CliRun inProcess = CliRun.of(compare(dir.resolve("d1"), "1", 2, "--lr", "1e6"));
        CliRun children = CliRun.of(compare(dir.resolve("d2"), "2", 2, "--lr", "1e6"));
        assertThat(children.exitCode()).as(children.toString()).isEqualTo(1).isEqualTo(inProcess.exitCode());
        assertThat(children.errorLines()).isEqualTo(inProcess.errorLines()).singleElement().asString()
                .contains("4 run(s) failed", "diverged");
        assertThat(dir.resolve("d2/runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void aKilledWorkerFailsItsRunOnlyAndARerunTrainsJustThatOne() throws Exception {
        Path out = dir.resolve("killed-worker");
        AtomicInteger finishedAtKill = new AtomicInteger(-1);
        Thread killer = new Thread(() -> killAWorkerMidRun(out, finishedAtKill));
        killer.start();
        CliRun first = CliRun.of(compare(out, "2", 40)); // runs long enough that both workers train at the kill
        killer.join();
        assertThat(finishedAtKill.get()).as("runs finished when a worker was killed").isBetween(1, 2);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(first.errorLines()).singleElement().asString().contains("1 run(s) failed", "worker process",
                "exit code");
        assertThat(finishedRuns(out)).hasSize(3);
        CliRun rerun = CliRun.of(compare(out, "2", 40).stream().filter(a -> !a.equals("--quiet")).toList());
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.err()).contains("1 to train");
        assertThat(finishedRuns(out)).hasSize(4);
    }

    @Test
    void aKilledParentTakesItsWorkersAlongAndLeavesOnlyFinishedRuns() throws Exception {
        Path out = dir.resolve("killed-parent");
        Process parent = ChildProcess.start(dir.resolve("parent.log"),
                compare(out, "2", 40).toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<ProcessHandle> workers = List.of();
        while (workers.size() < 2 && parent.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            workers = parent.toHandle().descendants().filter(ParallelGridTest::isWorker).toList();
        }
        assertThat(workers).as("two workers start; log:\n%s", log(dir.resolve("parent.log"))).hasSize(2);
        Thread.sleep(1500); // in the middle of their first runs
        parent.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no hooks run in the parent
        for (ProcessHandle w : workers) {
            w.onExit().get(30, TimeUnit.SECONDS); // each notices its parent is gone and stops
        }
        Path runs = out.resolve("runs");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> all = Files.list(runs)) {
                for (Path run : all.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                    assertThat(run.resolve("metrics.json")).as("%s is a finished run", run).isRegularFile();
                }
            }
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

    /**
     * Kills one worker JVM in the middle of a run: once the first run of the grid is finished, both
     * workers are training (the one that finished has been handed the next run at once).
     */
    private static void killAWorkerMidRun(Path out, AtomicInteger finishedAtKill) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (System.nanoTime() < deadline) {
                if (Files.isDirectory(out.resolve("runs")) && !finishedRuns(out).isEmpty()) {
                    Thread.sleep(300); // the next run has been handed out and has started
                    finishedAtKill.set(finishedRuns(out).size()); // at 3 of 4 a worker may be idle
                    ProcessHandle.current().descendants().filter(ParallelGridTest::isWorker).findFirst()
                            .ifPresent(ProcessHandle::destroyForcibly);
                    return;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The run directories a grid has committed. A hidden staging directory is not one, even with a
     * metrics.json inside: a worker killed between writing its last file and the rename leaves one.
     */
    private static List<Path> finishedRuns(Path out) throws IOException {
        try (Stream<Path> all = Files.list(out.resolve("runs"))) {
            return all.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve("metrics.json"))).toList();
        }
    }

    private static JsonNode settings(Path run) throws IOException {
        return Json.MAPPER.readTree(run.resolve("config.json").toFile()).get("settings");
    }

    private static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
