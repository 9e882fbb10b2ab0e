package org.mla4j.method.mla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.SharedFiles;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;

/**
 * What MLA fits after each epoch (fusion scales, the fusion rule, the turn order) comes from the
 * validation split only: with every test label replaced, the trained model, its fitted values and
 * the selected epoch are bit for bit the same.
 */
class ValidationOnlyTest {

    @Test
    void corruptingTestLabelsChangesNothingThatIsFitted() {
        Path dir = SharedFiles.data("handwritten");
        assumeTrue(Files.isRegularFile(dir.resolve("manifest.json")), "handwritten not available");
        MultimodalDataset data = DatasetLoader.load(dir);
        SettingValues options = SettingValues.NONE.with(MlaOptions.FUSION_CALIBRATION, FusionCalibration.WEIGHTS)
                .with(MlaOptions.FUSION_SELECT, true).with(MlaOptions.TURN_ORDER, TurnOrder.WEAK_FIRST)
                .with(org.mla4j.method.shared.CommonSettings.FUSION, FusionMode.DYNAMIC);
        RunConfig config = TestConfigs.run(dir.toString(), "mla", 0, 3, 64, 0.01, new int[] {1000}, 0.1,
                new EncoderSpec("mlp", 2, 32), options, MissingSpec.NONE);

        RunOutcome clean = TrainingRun.execute(config, data, EpochListener.NONE);
        RunOutcome corrupted = TrainingRun.execute(config, withShiftedTestLabels(data), EpochListener.NONE);

        float[] fitted = clean.parameters().values().get("fusion.values");
        assertThat(fitted).hasSize(data.numModalities() + 1);
        assertThat(fitted[0]).isNotEqualTo(1f); // something was fitted: the test is not vacuous
        assertThat(corrupted.bestEpoch()).isEqualTo(clean.bestEpoch());
        assertThat(corrupted.validation()).isEqualTo(clean.validation());
        for (var e : clean.parameters().values().entrySet()) {
            assertThat(corrupted.parameters().values().get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
        }
        assertThat(corrupted.test().fusedAccuracy()).isLessThan(clean.test().fusedAccuracy()); // the labels did change
    }

    /** The same dataset with every test label moved to the next class. */
    private static MultimodalDataset withShiftedTestLabels(MultimodalDataset d) {
        int[] labels = d.labels().clone();
        for (int i : d.testIndices()) {
            labels[i] = (labels[i] + 1) % d.numClasses();
        }
        List<float[]> features = new ArrayList<>();
        List<boolean[]> present = new ArrayList<>();
        for (int m = 0; m < d.numModalities(); m++) {
            features.add(d.features(m));
            present.add(d.present(m));
        }
        return new MultimodalDataset(d.name(), d.directory(), d.modalities(), d.classNames(),
                features.toArray(new float[0][]), labels, present.toArray(new boolean[0][]), d.trainIndices(),
                d.testIndices(), d.checksum());
    }
}
