package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.missing.CpmNetOptions;
import org.mla4j.method.missing.IfMminOptions;
import org.mla4j.method.missing.MminOptions;
import org.mla4j.method.missing.TateOptions;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.TrainSettings;
import org.mla4j.train.TrainingState;

/**
 * The missing-modality baselines resume bit for bit: a run that "crashes" after a checkpoint and is
 * resumed ends exactly like an uninterrupted one — in the student stage of a two-stage method, at the
 * boundary between its stages (the student's copy of the teacher happens after the resume), and with
 * CPM-Net's per-sample latents. Each run uses its method's own recipe (Adam, clipping where it has it)
 * on a masked synthetic dataset, so the teacher reads hidden values.
 */
class TwoStageResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    static Path shared;
    static Path dataDir;
    static MultimodalDataset dataset;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        dataDir = TestDatasets.builder().samples(120).classes(3).modality("a", 7).modality("b", 5)
                .write(shared.resolve("data"));
        dataset = DatasetLoader.load(dataDir);
    }

    static RunConfig config(String method) {
        SettingValues options = switch (method) {
            case "mmin" -> SettingValues.NONE.with(MminOptions.TEACHER_EPOCHS, 1);
            case "if-mmin" -> SettingValues.NONE.with(IfMminOptions.TEACHER_EPOCHS, 1);
            case "tate" -> SettingValues.NONE.with(TateOptions.TEACHER_EPOCHS, 1);
            default -> SettingValues.NONE.with(CpmNetOptions.TEST_STEPS, 30).with(CpmNetOptions.LATENT_DIM, 6);
        };
        return RunConfig.defaults(dataDir.toString(), method, 3).with(TrainSettings.EPOCHS, EPOCHS)
                .with(TrainSettings.BATCH_SIZE, method.equals("cpm-net") ? 1_000_000 : 32)
                .withEncoder(new EncoderSpec("mlp", 2, 8)).withSettings(options)
                .withMissing(MissingSpec.everywhere(0.3, 3));
    }

    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest(name = "{0} resumed after epoch {1}")
    @CsvSource({"mmin, 2", "mmin, 1", "if-mmin, 2", "tate, 3", "cpm-net, 2"})
    void resumedRunEqualsTheUninterruptedOne(String method, int stopAfter) {
        RunConfig config = config(method);
        RunOutcome uninterrupted = TrainingRun.execute(config, dataset, EpochListener.NONE);
        Path run = dir.resolve("run");
        CheckpointFiles.Header header = new CheckpointFiles.Header(config, Map.of("command", List.of("test")),
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
                if (state.epochsDone() == stopAfter) {
                    throw new Crash();
                }
            }
        };
        assertThatThrownBy(() -> TrainingRun.execute(config, dataset, EpochListener.NONE, null, crashing))
                .isInstanceOf(Crash.class);
        CheckpointFiles.Saved saved = CheckpointFiles.load(run);
        assertThat(saved.state().epochsDone()).isEqualTo(stopAfter);
        RunOutcome resumed = TrainingRun.execute(saved.header().config(), dataset, EpochListener.NONE, saved.state(),
                Checkpointer.NONE);

        assertThat(withoutTiming(resumed.history())).isEqualTo(withoutTiming(uninterrupted.history()));
        assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch()).isGreaterThanOrEqualTo(
                method.equals("cpm-net") ? 0 : 1);
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
