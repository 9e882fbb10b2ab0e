package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Batch;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.nn.EncoderSpec;

/**
 * CPM-Net's prediction-time latent search lowers the reconstruction error of the observed modalities,
 * is not influenced by the values of a missing one, and gives the same bits for the same inputs, also
 * when the sample is predicted in another batch.
 */
class CpmNetPredictionTest {
    @TempDir
    static Path dir;
    static MultimodalDataset data;

    @BeforeAll
    static void data() {
        MultimodalDataset files = DatasetLoader.load(TestDatasets.builder().samples(40).classes(2)
                .modality("a", 6).modality("b", 5).write(dir.resolve("d")));
        boolean[][] present = {files.present(0).clone(), files.present(1).clone()};
        for (int i = 0; i < 40; i += 3) {
            present[i % 2][i] = false; // every third sample lacks one modality
        }
        data = files.withPresence(present);
    }

    private static CpmNet method(NDManager manager, int steps) {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        ModelSpec spec = new ModelSpec(data.modalities(), 2, new EncoderSpec("mlp", 1, 4));
        return new CpmNet(spec, new CpmNetOptions(8, 1.0, steps), manager);
    }

    @Test
    void theSearchLowersTheObservedReconstructionError() {
        int[] rows = data.testIndices();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("t", data, Standardizer.fit(data, data.trainIndices()), rows, manager);
             CpmNet few = method(manager, 20);
             CpmNet many = method(manager, 1500)) {
            Batch batch = split.slice(manager, 0, rows.length);
            float[] start = many.reconstructionErrors(batch, manager.zeros(new Shape(rows.length, 8)));
            float[] after20 = few.reconstructionErrors(batch, few.latentsFor(batch));
            float[] after1500 = many.reconstructionErrors(batch, many.latentsFor(batch));
            for (int i = 0; i < rows.length; i++) {
                assertThat(after1500[i]).as("sample %d", i).isLessThan(start[i]);
            }
            assertThat(sum(after1500)).isLessThan(sum(after20)).isLessThan(sum(start));
        }
    }

    @Test
    void aMissingModalityNeverInfluencesTheLatent() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] w = {manager.randomNormal(new Shape(6, 8)), manager.randomNormal(new Shape(5, 8))};
            NDArray[] b = {manager.randomNormal(new Shape(6)), manager.randomNormal(new Shape(5))};
            NDArray xa = manager.randomNormal(new Shape(3, 6));
            NDArray[] observed = {manager.create(new float[] {1, 1, 0}, new Shape(3, 1)),
                    manager.create(new float[] {1, 0, 1}, new Shape(3, 1))};
            float[] bZeros = new float[15];
            float[] bGarbage = new float[15];
            for (int j = 0; j < 15; j++) {
                bZeros[j] = j < 5 || j >= 10 ? j : 0f; // row 1 lacks b: zeros, as a split holds it
                bGarbage[j] = j < 5 || j >= 10 ? j : 1e4f * (j - 7); // ... or anything else
            }
            NDArray h1 = LatentSolver.solve(w, b, new NDArray[] {xa, manager.create(bZeros, new Shape(3, 5))}, observed,
                    200, manager);
            NDArray h2 = LatentSolver.solve(w, b, new NDArray[] {xa, manager.create(bGarbage, new Shape(3, 5))},
                    observed, 200, manager);
            assertThat(h2.toFloatArray()).containsExactly(h1.toFloatArray());
        }
    }

    @Test
    void sameInputsGiveTheSameBitsInAnyBatch() {
        int[] rows = data.testIndices();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("t", data, Standardizer.fit(data, data.trainIndices()), rows, manager);
             CpmNet cpm = method(manager, 300)) {
            Batch all = split.slice(manager, 0, rows.length);
            float[] once = cpm.predict(all).fusedLogits();
            assertThat(cpm.predict(split.slice(manager, 0, rows.length)).fusedLogits()).containsExactly(once);
            for (int i = 0; i < rows.length; i++) {
                float[] alone = cpm.predict(split.slice(manager, i, i + 1)).fusedLogits();
                assertThat(alone).as("sample %d alone", i).containsExactly(Arrays.copyOfRange(once, 2 * i, 2 * i + 2));
            }
        }
    }

    @Test
    void aSamplesLatentDoesNotDependOnTheBatchSize() {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 40;
            NDArray[] w = {manager.randomNormal(new Shape(30, 128)), manager.randomNormal(new Shape(20, 128))};
            NDArray[] b = {manager.randomNormal(new Shape(30)), manager.randomNormal(new Shape(20))};
            NDArray[] x = {manager.randomNormal(new Shape(n, 30)), manager.randomNormal(new Shape(n, 20))};
            float[][] flags = new float[2][n];
            for (int i = 0; i < n; i++) {
                flags[0][i] = i % 3 == 2 ? 0 : 1;
                flags[1][i] = i % 3 == 1 ? 0 : 1;
            }
            NDArray[] observed = {manager.create(flags[0], new Shape(n, 1)), manager.create(flags[1], new Shape(n, 1))};
            float[] all = LatentSolver.solve(w, b, x, observed, 40, manager).toFloatArray();
            // 1–3 rows take other engine kernels than larger batches unless padded
            for (int[] range : new int[][] {{0, 1}, {4, 6}, {9, 12}, {20, 24}, {30, 39}}) {
                NDIndex rows = new NDIndex("{}:{}", range[0], range[1]);
                float[] part = LatentSolver.solve(w, b, new NDArray[] {x[0].get(rows), x[1].get(rows)},
                        new NDArray[] {observed[0].get(rows), observed[1].get(rows)}, 40, manager).toFloatArray();
                assertThat(part).as("rows %d-%d", range[0], range[1])
                        .containsExactly(Arrays.copyOfRange(all, range[0] * 128, range[1] * 128));
            }
        }
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
