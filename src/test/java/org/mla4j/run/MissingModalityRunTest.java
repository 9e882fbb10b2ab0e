package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Batch;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;

/** Training and evaluation when samples lack modalities. */
class MissingModalityRunTest {
    @TempDir
    Path dir;

    static RunConfig config(double missingRate) {
        return TestConfigs.run("test", "mla", 0, 4, 8, 0.05, new int[] {3}, 0.2,
                new EncoderSpec("mlp", 2, 16), SettingValues.NONE, MissingSpec.everywhere(missingRate, 7));
    }

    @Test
    void modalityAbsentFromEveryTrainingSampleIsReportedUntrainedAndTheOthersStillTrain() {
        TestDatasets.Builder builder = TestDatasets.builder().samples(40);
        MultimodalDataset probe = DatasetLoader.load(builder.write(dir.resolve("probe")));
        for (int row : probe.trainIndices()) {
            builder.absent(row, "b");
        }
        MultimodalDataset ds = DatasetLoader.load(builder.write(dir.resolve("ds")));
        RunOutcome outcome = TrainingRun.execute(config(0), ds, EpochListener.NONE);
        assertThat(outcome.untrainedModalities()).containsExactly("b");
        assertThat(outcome.test().modalityAccuracy()).containsOnlyKeys("a");
        assertThat(outcome.test().fusedAccuracy()).isEqualTo(outcome.test().modalityAccuracy().get("a"));

        Path run = dir.resolve("run");
        RunDirectory.write(run, outcome, Provenance.collect(List.of("test")), false);
        ModelFile.Loaded loaded = ModelFile.load(run);
        assertThat(loaded.untrainedModalities()).containsExactly("b");
        MultimodalDataset aligned = ModelInputs.align(loaded, ds);
        assertThat(aligned.present(1)).doesNotContain(true);
    }

    @Test
    void missingRateDropsPairsInEverySplitAndRunsAreReproducible() {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(60).write(dir.resolve("ds")));
        RunOutcome a = TrainingRun.execute(config(0.5), ds, EpochListener.NONE);
        RunOutcome b = TrainingRun.execute(config(0.5), ds, EpochListener.NONE);
        RunOutcome complete = TrainingRun.execute(config(0), ds, EpochListener.NONE);
        assertThat(RunDirectory.metrics(a).get("test")).isEqualTo(RunDirectory.metrics(b).get("test"));
        int testSize = a.test().size();
        assertThat(a.test().modalitySamples().get("a")).isLessThan(testSize);
        assertThat(a.test().modalitySamples().get("b")).isLessThan(testSize);
        assertThat(complete.test().modalitySamples()).containsEntry("a", testSize).containsEntry("b", testSize);
    }

    @Test
    void evaluationWithEverySamplePresentEqualsTheCompleteDataEvaluation() {
        MultimodalDataset plain = DatasetLoader.load(TestDatasets.builder().samples(30).write(dir.resolve("plain")));
        int[][] allOnes = new int[30][2];
        for (int[] row : allOnes) {
            java.util.Arrays.fill(row, 1);
        }
        MultimodalDataset masked = DatasetLoader.load(TestDatasets.builder().samples(30).presence(allOnes)
                .write(dir.resolve("masked")));
        RunOutcome a = TrainingRun.execute(config(0), plain, EpochListener.NONE);
        RunOutcome b = TrainingRun.execute(config(0), masked, EpochListener.NONE);
        assertThat(RunDirectory.metrics(b).get("test")).isEqualTo(RunDirectory.metrics(a).get("test"));
        assertThat(RunDirectory.metrics(b).get("validation")).isEqualTo(RunDirectory.metrics(a).get("validation"));
    }

    @Test
    void aModalitysSubsetHoldsExactlyTheSamplesThatHaveIt() {
        TestDatasets.Builder builder = TestDatasets.builder().samples(10);
        builder.absent(1, "b").absent(4, "b").absent(7, "a");
        MultimodalDataset ds = DatasetLoader.load(builder.write(dir.resolve("ds")));
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("all", ds, Standardizer.fit(ds, rows), rows, manager)) {
            Batch batch = split.batch(manager, rows);
            Batch.Subset b = batch.only(1);
            assertThat(b.size()).isEqualTo(8);
            assertThat(b.features().getShape().get(0)).isEqualTo(8);
            float[] all = batch.features(1).toFloatArray();
            float[] subset = b.features().toFloatArray();
            int dim = ds.modality(1).dim();
            int k = 0;
            for (int i = 0; i < 10; i++) {
                if (i == 1 || i == 4) {
                    assertThat(java.util.Arrays.copyOfRange(all, i * dim, i * dim + dim)).containsOnly(0f);
                    continue;
                }
                assertThat(java.util.Arrays.copyOfRange(subset, k * dim, k * dim + dim))
                        .containsExactly(java.util.Arrays.copyOfRange(all, i * dim, i * dim + dim));
                k++;
            }
            assertThat(batch.only(0).size()).isEqualTo(9);
        }
    }
}
