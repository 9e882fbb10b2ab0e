package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.mla.FusionCalibration;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.method.mla.TurnOrder;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.TrainSettings;

/**
 * A run with everything that is fitted on validation (fusion weights and rule, weakest-first turns,
 * HGM with forgetting and reset) and selection with the validation-loss tie-break, stopped after a
 * checkpoint and resumed, ends exactly like the uninterrupted run: the fitted values travel as
 * parameters, the turn order as method state, the best epoch's loss comes back from the history.
 */
class ValidationFittedResumeTest {
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    private RunConfig config(Path data) {
        SettingValues options = SettingValues.NONE.with(MlaOptions.FUSION_CALIBRATION, FusionCalibration.WEIGHTS)
                .with(MlaOptions.FUSION_SELECT, true).with(MlaOptions.TURN_ORDER, TurnOrder.WEAK_FIRST)
                .with(MlaOptions.HGM_FORGETTING, 0.9).with(MlaOptions.HGM_RESET, true)
                .with(TrainSettings.SELECTION, TrainSettings.Selection.ACCURACY_LOSS);
        return TestConfigs.run(data.toString(), "mla", 3, EPOCHS, 24, 0.05, new int[] {3}, 0.2,
                new EncoderSpec("mlp", 2, 8), options, null);
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne() {
        Path data = TestDatasets.builder().samples(200).classes(4).modality("a", 10).modality("b", 5).write(dir.resolve("d"));
        MultimodalDataset dataset = DatasetLoader.load(data);
        RunConfig config = config(data);
        CrashAndResume.Runs runs = CrashAndResume.run(config, dataset, dir.resolve("run"), 3);
        assertThat(runs.saved().state().methodState()).containsKey("turn_order");
        assertThat(runs.uninterrupted().parameters().values()).containsKey("fusion.values");
        runs.assertResumedEqualsUninterrupted();
    }
}
