package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;

/**
 * {@code mla compare}, {@code mla missing} and {@code mla isolation} run through the experiment
 * engine: each output folder keeps the command's own files and a results directory that
 * {@code mla report} turns into a report.
 */
class GridCommandsReportTest {
    @TempDir
    Path dir;

    private static final List<String> SMALL = List.of("--epochs", "1", "--batch-size", "8", "--layers", "1",
            "--width", "4");

    private void check(String command, String file, String... args) throws Exception {
        Path data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data-" + command));
        Path out = dir.resolve(command);
        List<String> argv = new java.util.ArrayList<>(List.of(command, "--data", data.toString(), "--out",
                out.toString(), "--seeds", "1", "--quiet"));
        argv.addAll(List.of(args));
        argv.addAll(SMALL);
        CliRun run = CliRun.of(argv);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(out.resolve(file)).isRegularFile();
        assertThat(out.resolve("results.json")).isRegularFile();
        assertThat(out.resolve("spec.resolved.yaml")).isRegularFile();
        CliRun report = CliRun.of("report", out.toString(), "--quiet");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(Files.readString(out.resolve("report.md"))).contains("Test accuracy");
        CliRun again = CliRun.of("run", out.resolve("spec.resolved.yaml").toString(), "--out", out.toString(),
                "--dry-run");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).as("the saved spec repeats the command's grid").contains("0 to train");
    }

    @Test
    void compareOutputIsAReportableResultsDirectory() throws Exception {
        check("compare", "comparison.md", "--methods", "mla,concat");
    }

    @Test
    void missingOutputIsAReportableResultsDirectory() throws Exception {
        check("missing", "missing.png", "--methods", "mla", "--rates", "0.2,0.4");
    }

    @Test
    void isolationOutputIsAReportableResultsDirectory() throws Exception {
        check("isolation", "isolation.png", "--methods", "mla", "--modality", "a", "--ratios", "0,0.5");
    }
}
