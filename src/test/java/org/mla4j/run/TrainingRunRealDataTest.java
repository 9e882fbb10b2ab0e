package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Predictions;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.ValidationSplit;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.eval.Evaluator;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.SharedFiles;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;

/** MLA learns the real audio+image digits, and a saved model predicts exactly as the trained one. */
class TrainingRunRealDataTest {
    private static MultimodalDataset avMnist;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        avMnist = DatasetLoader.load(SharedFiles.data("av_mnist_fsdd"));
    }

    static RunConfig config(String method, int epochs, SettingValues options) {
        return TestConfigs.run("av_mnist_fsdd", method, 0, epochs, 64, 0.01, new int[] {(int) (0.7 * epochs)},
                0.1, EncoderSpec.DEFAULT, options, MissingSpec.NONE);
    }

    @Test
    void mlaReachesTheAccuracyBarAndKeepsBothModalitiesStrong() {
        RunOutcome outcome = TrainingRun.execute(config("mla", 12, SettingValues.NONE), avMnist, EpochListener.NONE);
        assertThat(outcome.test().fusedAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(outcome.test().modalityAccuracy().get("image_mnist_784")).isGreaterThanOrEqualTo(0.85);
        assertThat(outcome.test().modalityAccuracy().get("audio_logmel_1024")).isGreaterThanOrEqualTo(0.85);
        assertThat(outcome.history()).hasSize(12);
        double bestVal = outcome.history().stream().mapToDouble(r -> r.validation().fusedAccuracy()).max().orElseThrow();
        assertThat(outcome.validation().fusedAccuracy()).as("the selected model is the best validation epoch")
                .isEqualTo(bestVal);
        assertThat(outcome.history().get(outcome.bestEpoch()).validation().fusedAccuracy()).isEqualTo(bestVal);
        // each epoch's validation time is a measured part of the epoch (issue 16's evaluation share)
        assertThat(outcome.history()).allSatisfy(r -> {
            assertThat(r.validationSeconds()).isPositive();
            assertThat(r.validationSeconds()).isLessThan(r.seconds());
        });
    }

    @Test
    void savedModelPredictsExactlyLikeTheTrainedOneWithEitherFusion() throws Exception {
        for (FusionMode fusion : FusionMode.values()) {
            RunOutcome outcome = TrainingRun.execute(config("mla", 1, SettingValues.NONE.with(CommonSettings.FUSION, fusion)), avMnist,
                    EpochListener.NONE);
            Path run = dir.resolve("run-" + fusion.label());
            RunDirectory.write(run, outcome, Provenance.collect(java.util.List.of("test")), false);
            assertThat(run.resolve("metrics.json")).exists();
            assertThat(Files.readAllLines(run.resolve("history.csv")).get(0)).endsWith(",seconds,validation_seconds");
            assertThat(run.resolve("config.json")).exists();

            ModelFile.Loaded loaded = ModelFile.load(run);
            int[] test = avMnist.testIndices();
            Predictions fromDisk = Inference.predict(loaded, ModelInputs.align(loaded, avMnist), test);
            double accuracy = Evaluator.score(fromDisk, labels(test), avMnist.modalityNames()).fusedAccuracy();
            assertThat(accuracy).isEqualTo(outcome.test().fusedAccuracy());
            assertThat(SavedRun.settings(run).options().get(CommonSettings.FUSION)).isEqualTo(fusion);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("run-"));
        }
    }

    @Test
    void validationSplitIsStratifiedAndSharedAcrossSeeds() {
        var a = ValidationSplit.carve(avMnist, 0.1, 0);
        assertThat(a.validation()).hasSize(270);
        assertThat(a.fit()).hasSize(2430);
        RunOutcome seed0 = TrainingRun.execute(config("mla", 1, SettingValues.NONE), avMnist, EpochListener.NONE);
        assertThat(seed0.validation().size()).isEqualTo(270);
    }

    private static int[] labels(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = avMnist.labels()[rows[i]];
        }
        return out;
    }

}
