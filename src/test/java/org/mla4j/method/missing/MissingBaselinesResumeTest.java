package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mla4j.data.MissingProtocol;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.CheckpointFiles;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunCheckpointer;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.TrainSettings;
import org.mla4j.train.TrainingState;

/**
 * A run of each baseline, with a simulated mask, that stops after a checkpoint and is resumed from its
 * files ends bit for bit like the uninterrupted run: closed-form parts refitted by prepare, frozen
 * parameters, Adam's moments and the per-epoch classifier fit line up; without a mask (cells absent in the
 * files only) CRA's simulated drops do too.
 */
class MissingBaselinesResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    /** Thrown by the simulated crash. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest(name = "{0}, simulated mask: {1}")
    @CsvSource({"cca, true", "dcca, true", "dccae, true", "ae, true", "cra, true", "cra, false"})
    void resumedRunEqualsTheUninterruptedOne(String method, boolean masked) {
        Path data = TestDatasets.builder().samples(150).classes(3).modality("a", 6).modality("b", 5).modality("c", 4)
                .absent(7, "c").absent(20, "a").write(dir.resolve("data"));
        MultimodalDataset ds = DatasetLoader.load(data);
        RunConfig config = RunConfig.defaults(data.toString(), method, 3).with(TrainSettings.EPOCHS, EPOCHS)
                .with(TrainSettings.BATCH_SIZE, 32).with(CcaOptions.DIMS, 2).withEncoder(new EncoderSpec("mlp", 2, 8))
                .withMissing(masked ? new MissingSpec(0.3, 3, null, false, MissingProtocol.GLOBAL) : MissingSpec.NONE);
        RunOutcome uninterrupted = TrainingRun.execute(config, ds, EpochListener.NONE);

        Path run = dir.resolve("run");
        CheckpointFiles.Header header = new CheckpointFiles.Header(config, Map.of("command", List.of("test")),
                ds.name(), ds.checksum());
        RunCheckpointer files = new RunCheckpointer(run, 1, header, false);
        Checkpointer crashing = new Checkpointer() {
            @Override
            public boolean due(int epochsDone, int totalEpochs) {
                return files.due(epochsDone, totalEpochs);
            }

            @Override
            public void save(TrainingState state) {
                files.save(state);
                if (state.epochsDone() == 2) {
                    throw new Crash();
                }
            }
        };
        assertThatThrownBy(() -> TrainingRun.execute(config, ds, EpochListener.NONE, null, crashing))
                .isInstanceOf(Crash.class);
        CheckpointFiles.Saved saved = CheckpointFiles.load(run);
        RunOutcome resumed = TrainingRun.execute(saved.header().config(), ds, EpochListener.NONE, saved.state(),
                Checkpointer.NONE);

        assertThat(withoutTiming(resumed.history())).isEqualTo(withoutTiming(uninterrupted.history()));
        assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
        assertThat(resumed.test()).isEqualTo(uninterrupted.test());
        assertThat(resumed.parameters().values()).containsOnlyKeys(uninterrupted.parameters().values().keySet());
        resumed.parameters().values().forEach((name, v) ->
                assertThat(v).as(name).containsExactly(uninterrupted.parameters().values().get(name)));
    }

    private static List<String> withoutTiming(List<EpochRecord> history) {
        return history.stream().map(r -> new EpochRecord(r.epoch(), r.learningRate(), r.losses(), r.validation(), 0, 0)
                .toString()).toList();
    }
}
