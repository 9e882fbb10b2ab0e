package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.data.raw.TinyRawDataset;
import org.mla4j.data.raw.audio.LogMelExtractor;
import org.mla4j.data.raw.audio.LogMelParams;
import org.mla4j.io.Npy;

/** mla extract and mla audio-parity end to end on a tiny synthetic raw dataset. */
class RawCommandsTest {
    @TempDir
    Path dir;

    @Test
    void extractWritesALoadableDatasetAndNothingElse() throws IOException {
        Path raw = TinyRawDataset.write(dir.resolve("raw"));
        Path out = dir.resolve("features");
        assertThat(Main.run("extract", "--data", raw.resolve("index.csv").toString(), "--out", out.toString(), "--quiet"))
                .isZero();
        MultimodalDataset ds = DatasetLoader.load(out);
        assertThat(ds.numSamples()).isEqualTo(TinyRawDataset.SAMPLES);
        assertThat(ds.modality(0).shape()).containsExactly(1, 8, 8);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("raw", "features");
        }
        assertThat(Main.run("extract", "--data", raw.toString(), "--out", out.toString(), "--quiet"))
                .as("refuses to overwrite").isEqualTo(2);
        assertThat(Main.run("extract", "--data", raw.toString(), "--out", out.toString(), "--quiet", "--force")).isZero();

        Files.write(raw.resolve("image/s3.png"), new byte[] {1, 2, 3});
        Path other = dir.resolve("broken");
        assertThat(Main.run("extract", "--data", raw.toString(), "--out", other.toString(), "--quiet")).isEqualTo(2);
        assertThat(other).doesNotExist();
    }

    @Test
    void audioParityPassesOnItsOwnFeaturesAndFailsOnAPerturbedRow() throws IOException {
        Path raw = TinyRawDataset.write(dir.resolve("raw"));
        LogMelExtractor x = new LogMelExtractor(LogMelParams.avMnistFsdd());
        int n = TinyRawDataset.SAMPLES;
        float[] ref = new float[n * 1024];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.extract(raw.resolve("audio/s" + i + ".wav")), 0, ref, i * 1024, 1024);
        }
        Path good = dir.resolve("good.npy");
        try (var out = Files.newOutputStream(good)) {
            Npy.writeFloats(out, ref, n, 1024);
        }
        String index = raw.resolve("index.csv").toString();
        assertThat(Main.run("audio-parity", "--index", index, "--reference", good.toString(), "--quiet")).isZero();

        IntStream.range(0, 1024).forEach(j -> ref[5 * 1024 + j] += 0.01f);
        Path bad = dir.resolve("bad.npy");
        try (var out = Files.newOutputStream(bad)) {
            Npy.writeFloats(out, ref, n, 1024);
        }
        assertThat(Main.run("audio-parity", "--index", index, "--reference", bad.toString(), "--quiet")).isEqualTo(1);
        assertThat(Main.run("audio-parity", "--index", index, "--reference", bad.toString(), "--tolerance", "0.02",
                "--quiet")).isZero();
    }
}
