package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.io.Json;

/**
 * A grid run whose settings and mask equal an earlier run's is not trained again: under the global
 * protocol with two modalities η = 0.5 and 0.6 both make every sample unimodal with the same mask.
 */
class SharedTrainingTest {
    @TempDir
    Path dir;

    private Path spec(String name, String rates) throws Exception {
        Path spec = dir.resolve("specs").resolve(name + ".yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, """
                data: ../data
                methods: [concat]
                seeds: 1
                train: {epochs: 2, batch_size: 8}
                encoder: {layers: 1, width: 8}
                missing: {rates: [%s], protocol: global}
                """.formatted(rates));
        return spec;
    }

    @Test
    void aRunWithTheSameMaskIsCopiedNotTrainedAndMatchesTrainingItAlone() throws Exception {
        TestDatasets.builder().samples(60).classes(2).write(dir.resolve("data"));
        Path out = dir.resolve("grid");
        CliRun dry = CliRun.of("run", spec("grid", "0.3, 0.5, 0.6").toString(), "--out", out.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("3 runs into").contains("(2 to train, 0 done, 1 to copy")
                .contains("copy  runs/concat-missing0.6-seed0 (same settings and mask as runs/concat-missing0.5-seed0)");
        CliRun grid = CliRun.of("run", spec("grid", "0.3, 0.5, 0.6").toString(), "--out", out.toString());
        assertThat(grid.exitCode()).as(grid.toString()).isZero();
        assertThat(grid.err()).contains("2 to train, 0 already done, 1 copied from a run with the same settings and mask")
                .contains("concat η=0.6 seed 0: same settings and mask as concat η=0.5 seed 0, not trained again");

        Path runs = out.resolve("runs");
        JsonNode copied = Json.MAPPER.readTree(runs.resolve("concat-missing0.6-seed0/metrics.json").toFile());
        JsonNode trained = Json.MAPPER.readTree(runs.resolve("concat-missing0.5-seed0/metrics.json").toFile());
        assertThat(copied.path("same_training_as").asText()).isEqualTo("concat-missing0.5-seed0");
        assertThat(copied.at("/missing/rate").asDouble()).isEqualTo(0.6);
        assertThat(copied.get("test")).isEqualTo(trained.get("test"));
        JsonNode config = Json.MAPPER.readTree(runs.resolve("concat-missing0.6-seed0/config.json").toFile());
        assertThat(config.at("/settings/missing/rate").asDouble()).isEqualTo(0.6);
        assertThat(Json.MAPPER.readTree(runs.resolve("concat-missing0.3-seed0/metrics.json").toFile())
                .has("same_training_as")).as("another rate draws another mask").isFalse();

        // the premise: training η = 0.6 on its own gives the copied model, bit for bit
        Path alone = dir.resolve("alone");
        CliRun single = CliRun.of("run", spec("alone", "0.6").toString(), "--out", alone.toString());
        assertThat(single.exitCode()).as(single.toString()).isZero();
        assertThat(single.err()).contains("1 to train");
        assertThat(Files.readAllBytes(alone.resolve("runs/concat-missing0.6-seed0/model.npz")))
                .isEqualTo(Files.readAllBytes(runs.resolve("concat-missing0.6-seed0/model.npz")));

        // the copy is a finished run like any other: resuming trains nothing and the results list all three
        CliRun again = CliRun.of("run", spec("grid", "0.3, 0.5, 0.6").toString(), "--out", out.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("0 to train, 3 already done");
        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(results.get("runs")).hasSize(3);
        results.get("runs").forEach(r -> assertThat(r.path("status").asText()).isEqualTo("done"));
    }
}
