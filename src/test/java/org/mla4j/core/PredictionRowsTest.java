package org.mla4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;

class PredictionRowsTest {
    private static int rows(Modality... modalities) {
        int n = 4;
        float[][] features = new float[modalities.length][];
        boolean[][] present = new boolean[modalities.length][n];
        for (int m = 0; m < modalities.length; m++) {
            features[m] = new float[n * modalities[m].dim()];
            java.util.Arrays.fill(present[m], true);
        }
        List<String> classes = new ArrayList<>(List.of("a", "b"));
        MultimodalDataset ds = new MultimodalDataset("tiny", Path.of("."), List.of(modalities), classes, features,
                new int[] {0, 1, 0, 1}, present, new int[] {0, 1}, new int[] {2, 3}, "x");
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("all", ds, Standardizer.fit(ds, ds.trainIndices()), new int[] {0, 1, 2, 3},
                     manager)) {
            int r = split.predictionRows();
            try (TensorSplit reordered = split.reordered(new int[] {3, 2, 1, 0}, manager)) {
                assertThat(reordered.predictionRows()).isEqualTo(r);
            }
            return r;
        }
    }

    @Test
    void imagesPredictInBatchesThatKeepTheWidestActivationSmall() {
        // 32 channels × 28 × 28 floats = 100 KB a row; 8 MiB / 100 KB = 83 → 64
        assertThat(rows(new Modality("image", 784, List.of(1, 28, 28)))).isEqualTo(64);
        // the widest modality decides: 32 × 32 × 32 × 4 = 128 KiB a row → 64
        assertThat(rows(new Modality("image", 784, List.of(1, 28, 28)), new Modality("audio", 1024, List.of(1, 32, 32))))
                .isEqualTo(64);
        assertThat(rows(new Modality("photo", 3 * 224 * 224, List.of(3, 224, 224)))).as("at least 8").isEqualTo(8);
        assertThat(rows(new Modality("tiny", 16, List.of(1, 4, 4)))).as("at most 1,024").isEqualTo(1024);
    }

    @Test
    void flatFeaturesPredictInBatchesOf1024() {
        assertThat(rows(new Modality("text", 50), new Modality("image", 784))).isEqualTo(TensorSplit.MAX_PREDICTION_ROWS)
                .isEqualTo(1024);
    }
}
