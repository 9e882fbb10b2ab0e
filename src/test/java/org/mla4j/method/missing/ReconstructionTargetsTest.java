package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Batch;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.EpochListener;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.TrainResult;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingSplits;

/**
 * AE and CRA reconstruct only missing modalities: the targets are the cells a simulated mask hid (with
 * their hidden values), or, when the data genuinely lack cells, a simulated drop among the observed ones;
 * the loss is Σ_n t_n (1/d)‖x̂_n − x_n‖²; and a decoder whose modality is never missing does not move.
 */
class ReconstructionTargetsTest {
    @TempDir
    Path dir;

    private MultimodalDataset files(String name, int samples) {
        return DatasetLoader.load(TestDatasets.builder().samples(samples).classes(2).modality("a", 3).modality("b", 2)
                .modality("c", 2).absent(5, "b").write(dir.resolve(name)));
    }

    private static boolean[][] copy(MultimodalDataset ds) {
        boolean[][] p = new boolean[ds.numModalities()][];
        for (int m = 0; m < p.length; m++) {
            p[m] = ds.present(m).clone();
        }
        return p;
    }

    @Test
    void simulatedMaskTargetsAreExactlyTheHiddenCells() {
        MultimodalDataset files = files("hidden", 8);
        boolean[][] mask = copy(files);
        mask[0][1] = false;
        mask[0][4] = false;
        mask[1][2] = false;
        MultimodalDataset masked = files.withPresence(mask);
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
        Standardizer st = Standardizer.fit(files, rows);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.buildWithHidden("fit", masked, st, rows, manager);
             NDManager bm = manager.newSubManager()) {
            assertThat(ReconstructionTargets.sourceOf(fit, manager)).isEqualTo(ReconstructionTargets.Source.HIDDEN);
            Batch batch = fit.slice(bm, 0, 8);
            ReconstructionTargets t = ReconstructionTargets.of(batch, ReconstructionTargets.Source.HIDDEN,
                    new SplittableRandom(1));
            for (int m = 0; m < 3; m++) {
                for (int i = 0; i < 8; i++) {
                    boolean expected = (m == 0 && (i == 1 || i == 4)) || (m == 1 && i == 2);
                    assertThat(t.isTarget(m, i)).as("cell (%d, %d)", i, m).isEqualTo(expected);
                }
            }
            assertThat(t.isTarget(1, 5)).as("absent in the files: no ground truth").isFalse();
            assertThat(t.count(0)).isEqualTo(2);
            assertThat(t.count(2)).isZero();
            assertThat(t.target(2)).isNull();
            float[] expectedA = st.apply(0, files.features(0), new int[] {4});
            assertThat(Arrays.copyOfRange(t.target(0).toFloatArray(), 12, 15)).containsExactly(expectedA);
            assertThat(Arrays.copyOfRange(t.input(0).toFloatArray(), 12, 15)).as("fed as missing").containsOnly(0f);
        }
    }

    @Test
    void genuinelyMissingDataGetASimulatedDropAmongTheObservedModalities() {
        MultimodalDataset files = files("drop", 40);
        boolean[][] present = copy(files);
        for (int i = 0; i < 40; i += 4) {
            present[2][i] = false; // more truly absent cells; row 5 also lacks b
            present[0][i + 1] = false;
            present[1][i + 1] = false; // rows 1, 5, 9, …: only c observed
        }
        MultimodalDataset ds = new MultimodalDataset("drop", dir, files.modalities(), files.classNames(),
                new float[][] {files.features(0), files.features(1), files.features(2)}, files.labels(), present,
                files.trainIndices(), files.testIndices(), "drop");
        int[] rows = new int[40];
        Arrays.setAll(rows, i -> i);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.buildWithHidden("fit", ds, Standardizer.fit(ds, rows), rows, manager);
             NDManager bm = manager.newSubManager()) {
            assertThat(ReconstructionTargets.sourceOf(fit, manager)).isEqualTo(ReconstructionTargets.Source.DROP);
            Batch batch = fit.slice(bm, 0, 40);
            ReconstructionTargets t = ReconstructionTargets.of(batch, ReconstructionTargets.Source.DROP,
                    new SplittableRandom(3));
            ReconstructionTargets again = ReconstructionTargets.of(batch, ReconstructionTargets.Source.DROP,
                    new SplittableRandom(3));
            int droppedSomewhere = 0;
            for (int i = 0; i < 40; i++) {
                int observed = 0;
                int dropped = 0;
                for (int m = 0; m < 3; m++) {
                    observed += batch.isPresent(m, i) ? 1 : 0;
                    dropped += t.isTarget(m, i) ? 1 : 0;
                    assertThat(!t.isTarget(m, i) || batch.isPresent(m, i)).as("only observed cells are dropped")
                            .isTrue();
                    assertThat(again.isTarget(m, i)).as("the same draw for the same seed").isEqualTo(t.isTarget(m, i));
                    int d = ds.modality(m).dim();
                    float[] in = Arrays.copyOfRange(t.input(m).toFloatArray(), i * d, i * d + d);
                    float[] x = Arrays.copyOfRange(batch.features(m).toFloatArray(), i * d, i * d + d);
                    for (int j = 0; j < d; j++) {
                        assertThat(in[j]).as("fed: zero where dropped").isEqualTo(t.isTarget(m, i) ? 0f : x[j], within(0f));
                    }
                }
                if (observed >= 2) {
                    assertThat(dropped).as("sample %d: a non-empty proper subset", i).isBetween(1, observed - 1);
                } else {
                    assertThat(dropped).isZero();
                }
                droppedSomewhere += dropped;
            }
            assertThat(droppedSomewhere).isGreaterThan(10);
            assertThat(t.target(0).toFloatArray()).containsExactly(batch.features(0).toFloatArray());
        }
    }

    @Test
    void completeDataHaveNothingToReconstruct() {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(6).classes(2).write(dir.resolve("c")));
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.buildWithHidden("fit", ds, Standardizer.fit(ds, ds.trainIndices()),
                     ds.trainIndices(), manager)) {
            assertThat(ReconstructionTargets.sourceOf(fit, manager)).isEqualTo(ReconstructionTargets.Source.NONE);
        }
    }

    @Test
    void lossSumsMaskedSamplesAndAveragesDimensions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            var reconstructed = manager.create(new float[] {1, 2, 3, 4, 0, 0}, new Shape(3, 2));
            var truth = manager.create(new float[] {0, 0, 1, 1, 5, 5}, new Shape(3, 2));
            var mask = manager.create(new float[] {1, 0, 1}, new Shape(3, 1));
            // (1² + 2²)/2 + (5² + 5²)/2; the unmasked middle row (error 2² + 3²) is left out
            assertThat(AutoencoderImputer.reconstructionLoss(reconstructed, truth, mask).getFloat()).isEqualTo(27.5f);
        }
    }

    @Test
    void aDecoderOfAModalityThatIsNeverMissingDoesNotMove() {
        MultimodalDataset files = DatasetLoader.load(TestDatasets.builder().samples(64).classes(2).modality("a", 3)
                .modality("b", 2).write(dir.resolve("never")));
        boolean[][] mask = copy(files);
        for (int i = 0; i < 64; i += 3) {
            mask[0][i] = false; // a is hidden in a third of the rows, b never
        }
        MultimodalDataset masked = files.withPresence(mask);
        ModelSpec spec = new ModelSpec(files.modalities(), 2, new EncoderSpec("mlp", 2, 8));
        int[] rows = files.trainIndices();
        Engine.getEngine("PyTorch").setRandomSeed(2);
        for (String method : new String[] {"ae", "cra"}) {
            try (NDManager manager = NDManager.newBaseManager();
                 TensorSplit fit = TensorSplit.buildWithHidden("fit", masked, Standardizer.fit(files, rows), rows, manager);
                 var model = (AutoencoderImputer) Methods.create(method, spec, SettingValues.NONE, manager)) {
                ParameterGroup decoderA = find(model, "decoder.a");
                ParameterGroup decoderB = find(model, "decoder.b");
                int lastA = decoderA.parameters().size() - 1; // the output bias: its gradient is the loss's own
                float[] a0 = decoderA.parameters().get(lastA).getArray().toFloatArray();
                List<float[]> b0 = decoderB.parameters().stream().map(p -> p.getArray().toFloatArray()).toList();
                TrainConfig config = new TrainConfig(2, 16, LearningRateSchedule.step(0.01, 1, new int[0]), 0.9f, 0f, 0);
                TrainResult result = new Trainer(config, EpochListener.NONE).fit(model,
                        TrainingSplits.withoutTest(fit, fit, files.modalityNames()), manager);
                assertThat(model.targetSource()).isEqualTo(ReconstructionTargets.Source.HIDDEN);
                for (int i = 0; i < b0.size(); i++) {
                    assertThat(decoderB.parameters().get(i).getArray().toFloatArray()).as(method).containsExactly(b0.get(i));
                }
                assertThat(decoderA.parameters().get(lastA).getArray().toFloatArray()).as(method).isNotEqualTo(a0);
                assertThat(result.history().get(0).losses().get("loss_reconstruction")).as(method).isGreaterThan(0.0);
                var losses = result.history().get(0).losses();
                double w = (method.equals("ae") ? ImputerOptions.RECONSTRUCTION_WEIGHT
                        : ImputerOptions.CRA_RECONSTRUCTION_WEIGHT).defaultIn(SettingValues.NONE);
                assertThat(losses.get("loss")).as(method + ": loss = CE + w·R")
                        .isCloseTo(losses.get("loss_ce") + w * losses.get("loss_reconstruction"), within(1e-4));
            }
        }
    }

    private static ParameterGroup find(AutoencoderImputer model, String name) {
        return model.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }
}
