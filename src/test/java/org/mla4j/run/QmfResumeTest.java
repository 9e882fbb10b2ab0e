package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.baseline.QmfOptions;
import org.mla4j.method.baseline.QmfVariant;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.TrainingState;

/**
 * QMF's history is training state: a run stopped after a checkpoint and resumed ends bit for bit
 * like the uninterrupted one, for both variants (the paper's cumulative losses are kept as float64),
 * and the checkpoint holds exactly the training variant's history.
 */
class QmfResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    /** Thrown by the simulated crash. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @EnumSource(QmfVariant.class)
    void resumedRunEqualsTheUninterruptedOne(QmfVariant variant) {
        Path data = TestDatasets.builder().samples(200).classes(4).modality("a", 10).modality("b", 6)
                .write(dir.resolve("data"));
        MultimodalDataset dataset = DatasetLoader.load(data);
        RunConfig config = TestConfigs.run(data.toString(), "qmf", 3, EPOCHS, 32, 0.05, new int[] {3}, 0.2,
                new EncoderSpec("mlp", 2, 8), SettingValues.NONE.with(QmfOptions.VARIANT, variant), MissingSpec.NONE);
        RunOutcome uninterrupted = TrainingRun.execute(config, dataset, EpochListener.NONE);

        Path run = dir.resolve("run");
        RunCheckpointer files = new RunCheckpointer(run, 1,
                new CheckpointFiles.Header(config, Map.of("command", List.of("mla", "train")), dataset.name(),
                        dataset.checksum()), false);
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
        assertThatThrownBy(() -> TrainingRun.execute(config, dataset, EpochListener.NONE, null, crashing))
                .isInstanceOf(Crash.class);
        CheckpointFiles.Saved saved = CheckpointFiles.load(run);
        String kept = variant == QmfVariant.PAPER ? "qmf.loss." : "qmf.correct.";
        assertThat(saved.state().methodState().keySet()).allMatch(k -> k.startsWith(kept)
                || variant == QmfVariant.SIMPLIFIED && k.startsWith("qmf.visits."));
        assertThat(saved.state().methodState()).containsKeys(kept + "a", kept + "b");
        RunOutcome resumed = TrainingRun.execute(saved.header().config(), dataset, EpochListener.NONE, saved.state(),
                Checkpointer.NONE);

        assertThat(withoutTiming(resumed.history())).isEqualTo(withoutTiming(uninterrupted.history()));
        assertThat(resumed.test()).isEqualTo(uninterrupted.test());
        resumed.parameters().values().forEach((name, v) ->
                assertThat(v).as(name).containsExactly(uninterrupted.parameters().values().get(name)));
    }

    private static List<EpochRecord> withoutTiming(List<EpochRecord> history) {
        return history.stream().map(r -> new EpochRecord(r.epoch(), r.learningRate(), r.losses(), r.validation(), 0, 0))
                .toList();
    }
}
