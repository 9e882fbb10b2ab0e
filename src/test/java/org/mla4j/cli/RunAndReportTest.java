package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.io.Json;

/** {@code mla run} on a tiny grid: results files, resuming, output modes, and {@code mla report}. */
class RunAndReportTest {
    @TempDir
    Path dir;

    private Path spec() throws Exception {
        TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        Path spec = dir.resolve("specs").resolve("tiny.yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, """
                description: two methods on a tiny synthetic dataset
                data: ../data
                methods: [mla, concat]
                seeds: 1
                train: {epochs: 2, batch_size: 8}
                encoder: {layers: 1, width: 8}
                """);
        return spec;
    }

    @Test
    void runsResumesAndReports() throws Exception {
        Path spec = spec();
        Path out = dir.resolve("results");
        CliRun dry = CliRun.of("run", spec.toString(), "--out", out.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("tiny: 2 runs").contains("train runs/mla-seed0").contains("train runs/concat-seed0");

        CliRun first = CliRun.of("run", spec.toString(), "--out", out.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("2 to train, 0 already done").contains("[1/2] mla seed 0: training");
        assertThat(first.out()).contains("| mla |").contains("| concat |").contains("Command: `mla run " + spec);
        for (String f : new String[] {"results.json", "tables.md", "accuracy.csv", "spec.resolved.yaml",
                "runs/mla-seed0/metrics.json", "runs/concat-seed0/model.npz"}) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(results.get("runs")).hasSize(2);
        assertThat(results.at("/runs/0/status").asText()).isEqualTo("done");
        assertThat(results.at("/tables/accuracy/0/rows")).hasSize(2);
        assertThat(results.at("/dataset/sha256").asText()).hasSize(64);

        // re-running the same spec, or the resolved copy it wrote, trains nothing
        FileTime before = Files.getLastModifiedTime(out.resolve("runs/mla-seed0/metrics.json"));
        CliRun again = CliRun.of("run", spec.toString(), "--out", out.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("0 to train, 2 already done").contains("already done");
        CliRun resolved = CliRun.of("run", out.resolve("spec.resolved.yaml").toString(), "--out", out.toString(),
                "--json");
        assertThat(resolved.exitCode()).as(resolved.toString()).isZero();
        assertThat(Json.MAPPER.readTree(resolved.out()).get("runs")).hasSize(2);
        assertThat(Files.getLastModifiedTime(out.resolve("runs/mla-seed0/metrics.json"))).isEqualTo(before);
        CliRun quiet = CliRun.of("run", spec.toString(), "--out", out.toString(), "--quiet");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();

        CliRun report = CliRun.of("report", out.toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table>").contains("<td>mla</td>")
                .contains("data:image/png;base64,").contains("Modality gap").contains("Training curves")
                .contains("<details>").contains("mla run " + spec).doesNotContain("src=\"figures/");
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("| mla |").contains("](figures/embeddings-mla.png)").contains("](figures/curves-concat.png)");
        assertThat(out.resolve("figures/embeddings-mla.png")).exists();
        assertThat(Files.readAllBytes(out.resolve("figures/curves-mla.png"))).startsWith(0x89, 'P', 'N', 'G');
        JsonNode analysis = Json.MAPPER.readTree(out.resolve("analysis.json").toFile());
        double gap = analysis.at("/modality_gap/mla/pairs/a – b/mean").asDouble(-1);
        assertThat(gap).isBetween(0.0, 2.0);
        CliRun reportJson = CliRun.of("report", out.toString(), "--json");
        assertThat(Json.MAPPER.readTree(reportJson.out()).get("figures").asInt()).isEqualTo(4);
    }

    @Test
    void aTypoInTheSpecIsOneLineNamingTheKey() throws Exception {
        Path spec = spec();
        Files.writeString(spec, Files.readString(spec).replace("epochs: 2", "epoch: 2"));
        CliRun run = CliRun.of("run", spec.toString(), "--out", dir.resolve("r").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.errorLines()).singleElement().asString().contains("unknown key 'train.epoch'")
                .contains("did you mean 'epochs'?").contains("valid keys in train: epochs, batch_size");
        assertThat(dir.resolve("r")).doesNotExist();

        Files.writeString(spec, Files.readString(spec).replace("epoch: 2", "epochs: 2"));
        CliRun override = CliRun.of("run", spec.toString(), "--set", "train.epochs=x");
        assertThat(override.exitCode()).isEqualTo(2);
        assertThat(override.errorLines()).containsExactly("error: --set train.epochs=x: train.epochs must be an integer, "
                + "got 'x'");
        CliRun missing = CliRun.of("report", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errorLines()).singleElement().asString().contains("results.json: not found");
    }

    @Test
    void theSummaryGivesEachRowsEpochsAndTheMissingProtocol() throws Exception {
        TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        Path spec = dir.resolve("specs").resolve("recipes.yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, """
                data: ../data
                methods: [late, cca]
                seeds: 1
                train: {batch_size: 16}
                encoder: {layers: 1, width: 4}
                missing: {rates: [0.3], protocol: global}
                report: {modality_gap: [], curves: false}
                """);
        Path out = dir.resolve("recipes");
        CliRun run = CliRun.of("run", spec.toString(), "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        CliRun report = CliRun.of("report", out.toString(), "--quiet");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        String md = Files.readString(out.resolve("report.md"));
        // no train.epochs in the spec: late trains its 60 epochs, CCA its recipe's 100
        assertThat(md).contains("epochs per row, each method's own training recipe unless the spec sets "
                + "train.epochs: late 60, cca 100.")
                .contains("Missing cells: a share η of all (sample, modality) cells is missing in train, validation "
                        + "and test, at least one modality kept per sample (GCNet's global protocol")
                .contains("<details>"); // a small grid embeds each run's config.json
    }
}
