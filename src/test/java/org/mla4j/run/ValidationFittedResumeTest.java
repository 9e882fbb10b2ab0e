package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.TrainSettings;
import org.mla4j.train.TrainingState;

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
        RunOutcome uninterrupted = TrainingRun.execute(config, dataset, EpochListener.NONE);

        Path run = dir.resolve("run");
        CheckpointFiles.Header header = new CheckpointFiles.Header(config, Map.of("command", List.of("mla", "train")),
                dataset.name(), dataset.checksum());
        RunCheckpointer files = new RunCheckpointer(run, 1, header, false);
        Checkpointer crashing = new Checkpointer() {
            @Override
            public boolean due(int epochsDone, int totalEpochs) {
                return files.due(epochsDone, totalEpochs);
            }

            @Override
            public void save(TrainingState state) {
                files.save(state);
                if (state.epochsDone() == 3) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> TrainingRun.execute(config, dataset, EpochListener.NONE, null, crashing))
                .hasMessage("simulated crash");
        CheckpointFiles.Saved saved = CheckpointFiles.load(run);
        assertThat(saved.state().methodState()).containsKey("turn_order");
        RunOutcome resumed = TrainingRun.execute(saved.header().config(), dataset, EpochListener.NONE, saved.state(),
                Checkpointer.NONE);

        assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
        assertThat(resumed.validation()).isEqualTo(uninterrupted.validation());
        assertThat(resumed.test()).isEqualTo(uninterrupted.test());
        assertThat(uninterrupted.parameters().values()).containsKey("fusion.values");
        uninterrupted.parameters().values().forEach((name, v) ->
                assertThat(resumed.parameters().values().get(name)).as(name).containsExactly(v));
    }
}
