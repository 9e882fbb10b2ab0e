package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.data.raw.TinyTextDataset;
import org.mla4j.io.Json;

/** mla extract on a raw dataset with text: 384-d sentence vectors; a model file that does not fit is one error line. */
class TextExtractTest {
    @TempDir
    Path dir;

    @Test
    void extractWrites384DimensionalTextFeatures() throws IOException {
        Path raw = TinyTextDataset.write(dir.resolve("raw"));
        Path out = dir.resolve("features");
        CliRun run = CliRun.of("extract", "--data", raw.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("caption      shape [384]").contains("note         shape [384]");
        MultimodalDataset ds = DatasetLoader.load(out);
        assertThat(ds.modality(1).dim()).isEqualTo(384);
        assertThat(ds.modality(2).shape()).containsExactly(384);
        var manifest = Json.MAPPER.readTree(Files.readAllBytes(out.resolve("manifest.json")));
        var caption = manifest.path("modalities").get(1);
        assertThat(caption.path("kind").asText()).isEqualTo("text");
        assertThat(caption.path("preprocessing").path("encoder").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(caption.path("preprocessing").path("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void aCorruptModelFileIsOneErrorLineAndExitCode2() throws IOException {
        Path raw = TinyTextDataset.write(dir.resolve("raw"), "{\"name\": \"c2\", \"column\": \"caption\", \"kind\": \"text\","
                + " \"source\": \"inline\", \"pretrained\": \"models/broken.onnx\"}");
        Files.createDirectories(raw.resolve("models"));
        Files.write(raw.resolve("models/broken.onnx"), new byte[] {8, 1, 18, 3, 'a'});
        Path out = dir.resolve("features");
        CliRun run = CliRun.of("extract", "--data", raw.toString(), "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        List<String> errors = run.errorLines();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("error: " + raw.resolve("models/broken.onnx") + ": is not a readable ONNX model");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }
}
