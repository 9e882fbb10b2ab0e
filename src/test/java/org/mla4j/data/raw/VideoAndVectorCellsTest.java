package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.data.raw.image.ImageLoader;
import org.mla4j.data.raw.image.ImageParams;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Npy;

/** Video cells (frame lists pooled over time) and ready-made feature vectors. */
class VideoAndVectorCellsTest {
    @TempDir
    Path dir;

    static final String MANIFEST = """
        {"format": "raw", "name": "clips", "split_column": false,
         "modalities": [
           {"name": "video", "column": "frames", "kind": "video", "params": {"channels": 1, "height": 4, "width": 4,
            "frames": %d, "pool": "%s"}},
           {"name": "text", "kind": "features", "params": {"dim": 6, "sample_shape": [2, 3]}}
         ]}
        """;

    private void write(int frames, String pool) throws IOException {
        Files.createDirectories(dir.resolve("f"));
        StringBuilder csv = new StringBuilder("id,label,frames,text\n");
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 3; k++) {
                Files.write(dir.resolve("f/" + i + "_" + k + ".png"), TinyRawDataset.png(4, 4, k % 2, i + k));
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("f/" + i + ".npy"))) {
                Npy.writeFloats(out, new float[] {i, 1, 2, 3, 4, 5}, 2, 3);
            }
            csv.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append(",f/").append(i).append("_0.png|f/")
                    .append(i).append("_1.png | f/").append(i).append("_2.png,f/").append(i).append(".npy\n");
        }
        Files.writeString(dir.resolve("index.csv"), csv.toString());
        Files.writeString(dir.resolve("manifest.json"), MANIFEST.formatted(frames, pool));
    }

    private float[] frame(int i, int k) {
        return ImageLoader.load(dir.resolve("f/" + i + "_" + k + ".png"), new ImageParams(1, 4, 4, 0, null, null));
    }

    @Test
    void framesAreAveragedOrStacked() throws IOException {
        write(3, "mean");
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.modality(0).shape()).containsExactly(1, 4, 4);
        assertThat(ds.classNames()).containsExactly("even", "odd");
        float[] expected = new float[16];
        for (int k = 0; k < 3; k++) {
            float[] f = frame(2, k);
            for (int j = 0; j < 16; j++) {
                expected[j] += f[j] / 3;
            }
        }
        assertThat(Arrays.copyOfRange(ds.features(0), 2 * 16, 3 * 16)).containsExactly(expected);

        write(2, "stack");
        ds = DatasetLoader.load(dir);
        assertThat(ds.modality(0).shape()).containsExactly(2, 4, 4);
        // two of three frames at positions floor(0.5*3/2)=0 and floor(1.5*3/2)=2
        float[] row = Arrays.copyOfRange(ds.features(0), 32, 64);
        assertThat(Arrays.copyOfRange(row, 0, 16)).containsExactly(frame(1, 0));
        assertThat(Arrays.copyOfRange(row, 16, 32)).containsExactly(frame(1, 2));
        assertThat(VideoRecipe.framePositions(2, 4)).containsExactly(0, 0, 1, 1);
    }

    @Test
    void featureFilesAreReadAndChecked() throws IOException {
        write(1, "mean");
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.modality(1).shape()).containsExactly(2, 3);
        assertThat(Arrays.copyOfRange(ds.features(1), 24, 30)).containsExactly(4, 1, 2, 3, 4, 5);

        try (OutputStream out = Files.newOutputStream(dir.resolve("f/3.npy"))) {
            Npy.writeFloats(out, new float[] {1, 2, 3}, 3);
        }
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("f/3.npy").toString()).hasMessageContaining("dim 6")
                .hasMessageContaining("line 5, column 'text'");
    }

    @Test
    void anEmptyFrameNameIsRejected() throws IOException {
        write(1, "mean");
        Files.writeString(dir.resolve("index.csv"), Files.readString(dir.resolve("index.csv"))
                .replace("f/0_1.png | ", "f/0_1.png | |"));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2, column 'frames' has an empty file name");
        assertThat(List.of(MediaKind.values())).hasSize(5);
    }
}
