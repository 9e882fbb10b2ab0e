package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.io.Json;

/**
 * {@code --device} on this CPU-only machine: {@code gpu} is one clear error line before anything is
 * written; {@code auto} trains on the CPU, records it in provenance, and gives the bits of
 * {@code --device cpu} (the device is not a run setting).
 */
class DeviceOptionTest {
    @TempDir
    Path dir;

    private CliRun train(Path data, Path out, String device) {
        return CliRun.of("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2", "--width", "8",
                "--layers", "1", "--batch-size", "16", "--device", device, "--quiet");
    }

    @Test
    void gpuWithoutOneIsOneLineAndAutoIsTheCpu() throws Exception {
        Path data = TestDatasets.builder().samples(120).classes(2).write(dir.resolve("data"));
        CliRun gpu = train(data, dir.resolve("gpu"), "gpu");
        assertThat(gpu.exitCode()).as(gpu.toString()).isEqualTo(2);
        assertThat(gpu.err().lines().toList()).singleElement().asString()
                .startsWith("error: --device gpu: no usable GPU here").contains("docs/scale.md");
        BadInputCatalogueTest.assertNothingWritten(dir.resolve("gpu"));

        CliRun bad = train(data, dir.resolve("bad"), "tpu");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errorLines()).containsExactly("error: --device must be cpu, gpu or auto, got 'tpu'");

        CliRun auto = train(data, dir.resolve("auto"), "auto");
        assertThat(auto.exitCode()).as(auto.toString()).isZero();
        CliRun cpu = train(data, dir.resolve("cpu"), "cpu");
        assertThat(cpu.exitCode()).as(cpu.toString()).isZero();
        JsonNode config = Json.MAPPER.readTree(dir.resolve("auto/config.json").toFile());
        assertThat(config.get("provenance").get("device").asText()).isEqualTo("cpu");
        assertThat(config.get("settings").toString()).doesNotContain("device");
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("auto/model.npz")))
                .isEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("cpu/model.npz")));
        assertThat(RunFiles.metricsWithoutTiming(dir.resolve("auto"))).isEqualTo(RunFiles.metricsWithoutTiming(dir.resolve("cpu")));
    }
}
