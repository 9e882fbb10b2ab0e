package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.io.Json;

/**
 * {@code mla robustness} builds the experiment a spec's {@code analysis:} describes: its output is a
 * results directory with every run's saved analyses, the analysis tables, and a report with their
 * sections; re-running reuses runs and analyses; bad options get one line.
 */
class RobustnessCommandTest {
    @TempDir
    Path dir;

    private static final List<String> SMALL = List.of("--epochs", "2", "--batch-size", "8", "--layers", "1",
            "--width", "4", "--quiet");

    private CliRun robustness(Path data, Path out, String... args) {
        List<String> argv = new ArrayList<>(List.of("robustness", "--data", data.toString(), "--out", out.toString(),
                "--methods", "mla,concat", "--seeds", "1"));
        argv.addAll(List.of(args));
        argv.addAll(SMALL);
        return CliRun.of(argv);
    }

    @Test
    void everyAnalysisIsComputedSavedAndReported() throws Exception {
        Path data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        Path out = dir.resolve("out");
        CliRun run = robustness(data, out, "--analyses", "all", "--noise", "0,2", "--blank", "1",
                "--train-fractions", "0.5,1", "--data-size-methods", "mla", "--timing-repeats", "3",
                "--probe-epochs", "1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String f : new String[] {"results.json", "analyses.md", "analyses.json", "runs/mla-seed0/robustness.json",
                "runs/concat-seed0/cost.json", "runs/mla-train-50-seed0/metrics.json"}) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(out.resolve("runs/mla-train-50-seed0/robustness.json")).as("data-size runs are not analysed")
                .doesNotExist();
        JsonNode cost = Json.MAPPER.readTree(out.resolve("runs/mla-seed0/cost.json").toFile());
        assertThat(cost.get("parameters").asLong()).isPositive();
        assertThat(cost.get("inference_seconds_per_sample").asDouble()).isPositive();
        assertThat(cost.at("/memory/peak_mib").asDouble()).as(cost.toString())
                .isGreaterThanOrEqualTo(cost.at("/memory/baseline_mib").asDouble()).isPositive();
        assertThat(cost.at("/machine/logical_cores").asInt()).isPositive();
        JsonNode tables = Json.MAPPER.readTree(out.resolve("analyses.json").toFile());
        assertThat(tables.at("/robustness/corrupted/a/noise/fused_accuracy/x").toString()).isEqualTo("[0.0,2.0]");
        assertThat(tables.at("/convergence/rows")).hasSize(2);
        assertThat(tables.at("/data_size/series/mla")).hasSize(2);
        String md = Files.readString(out.resolve("analyses.md"));
        assertThat(md).contains("## Robustness to a corrupted modality").contains("### b: Gaussian noise")
                .contains("Mean unnormalised fusion weight of a") // the recommended MLA's fitted scales.contains("## Convergence").contains("## Cost")
                .contains("## Accuracy against the training-set size").contains("Command: `mla robustness --data");

        FileTime before = Files.getLastModifiedTime(out.resolve("runs/mla-seed0/cost.json"));
        CliRun again = robustness(data, out, "--analyses", "all", "--noise", "0,2", "--blank", "1",
                "--train-fractions", "0.5,1", "--data-size-methods", "mla", "--timing-repeats", "3",
                "--probe-epochs", "1");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(Files.getLastModifiedTime(out.resolve("runs/mla-seed0/cost.json"))).as("analyses are reused")
                .isEqualTo(before);

        CliRun report = CliRun.of("report", out.toString(), "--quiet");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        String reportMd = Files.readString(out.resolve("report.md"));
        assertThat(reportMd).contains("## Robustness to a corrupted modality").contains("## Convergence")
                .contains("## Cost").contains("## Accuracy against the training-set size")
                .contains("QMF's evaluation protocol (Zhang et al., ICML 2023")
                .contains("](figures/robustness-noise-a.png)").contains("](figures/robustness-lambda-mla-b.png)")
                .contains("](figures/convergence-seconds.png)").contains("](figures/data-size.png)");
        assertThat(out.resolve("figures/robustness-blank-b.png")).exists();
        CliRun dry = CliRun.of("run", out.resolve("spec.resolved.yaml").toString(), "--out", out.toString(),
                "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).as("the saved spec repeats the command's grid").contains("0 to train");
    }

    @Test
    void badOptionsAreOneLine() throws Exception {
        Path data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        CliRun typo = robustness(data, dir.resolve("o1"), "--analyses", "robustnes");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.errorLines()).containsExactly("error: --analyses names unknown analysis 'robustnes' (did you "
                + "mean 'robustness'?); valid: all, robustness, convergence, cost, data_size");
        CliRun modality = robustness(data, dir.resolve("o2"), "--corrupt", "c");
        assertThat(modality.exitCode()).isEqualTo(2);
        assertThat(modality.errorLines()).singleElement().asString().contains("--corrupt names unknown modality 'c'")
                .contains("valid: all, a, b");
        CliRun blank = robustness(data, dir.resolve("o3"), "--blank", "0.5,2");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.errorLines()).containsExactly("error: --blank entries must be in (0, 1], got 2");
        CliRun size = robustness(data, dir.resolve("o4"), "--analyses", "data_size", "--data-size-methods", "qmf");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.errorLines()).singleElement().asString().contains("--data-size-methods names 'qmf'");
        assertThat(dir.resolve("o1")).doesNotExist();
    }
}
