package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mla4j.data.load.DatasetLoader;

/** The two shared feature datasets load with their documented sizes. */
class DatasetLoaderRealDataTest {
    private static Path shared(String name) {
        Path relative = Path.of("..", "shared", "data", name);
        Path dir = Files.isDirectory(relative) ? relative : Path.of("/work/shared/data", name);
        assumeTrue(Files.isRegularFile(dir.resolve("manifest.json")), "shared data set " + name + " not available");
        return dir;
    }

    @Test
    void avMnistFsdd() {
        MultimodalDataset ds = DatasetLoader.load(shared("av_mnist_fsdd"));
        assertThat(ds.name()).isEqualTo("av_mnist_fsdd");
        assertThat(ds.numSamples()).isEqualTo(3000);
        assertThat(ds.modalities()).containsExactly(new Modality("image_mnist_784", 784), new Modality("audio_logmel_1024", 1024));
        assertThat(ds.trainIndices()).hasSize(2700);
        assertThat(ds.testIndices()).hasSize(300);
        assertThat(ds.numClasses()).isEqualTo(10);
        assertThat(classCounts(ds, ds.trainIndices())).containsOnly(270);
        assertThat(classCounts(ds, ds.testIndices())).containsOnly(30);
        assertThat(ds.checksum()).hasSize(64);
        assertAllPresent(ds);
    }

    @Test
    void handwritten() {
        MultimodalDataset ds = DatasetLoader.load(shared("handwritten"));
        assertThat(ds.numSamples()).isEqualTo(2000);
        assertThat(ds.modalities()).extracting(Modality::dim).containsExactly(240, 76, 216, 47, 64, 6);
        assertThat(ds.modalityNames()).containsExactly("pixel_240", "fourier_76", "profile_216", "zernike_47",
                "karhunen_loeve_64", "morphological_6");
        assertThat(ds.trainIndices()).hasSize(1600);
        assertThat(ds.testIndices()).hasSize(400);
        assertThat(classCounts(ds, IntStream.range(0, 2000).toArray())).containsOnly(200);
        assertThat(classCounts(ds, ds.trainIndices())).containsOnly(160);
        assertThat(classCounts(ds, ds.testIndices())).containsOnly(40);
        assertAllPresent(ds);
    }

    private static int[] classCounts(MultimodalDataset ds, int[] rows) {
        int[] counts = new int[ds.numClasses()];
        for (int row : rows) {
            counts[ds.labels()[row]]++;
        }
        return counts;
    }

    private static void assertAllPresent(MultimodalDataset ds) {
        for (int m = 0; m < ds.numModalities(); m++) {
            for (boolean p : ds.present(m)) {
                assertThat(p).isTrue();
            }
        }
    }
}
