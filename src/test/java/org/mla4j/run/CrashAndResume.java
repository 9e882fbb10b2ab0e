package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.TrainingState;

/**
 * The resume tests' harness: a run that checkpoints every epoch is killed right after the checkpoint of
 * epoch {@code stopAfter}, read back from its files and continued, beside the same run uninterrupted.
 */
public final class CrashAndResume {
    private CrashAndResume() {
    }

    /** Thrown by the simulated crash. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** The uninterrupted run, the checkpoint the crashed one left and the run resumed from it. */
    public record Runs(RunOutcome uninterrupted, CheckpointFiles.Saved saved, RunOutcome resumed) {
        /** Same history (timings aside), selected epoch, test metrics and parameters, bit for bit. */
        public void assertResumedEqualsUninterrupted() {
            assertThat(withoutTiming(resumed.history())).isEqualTo(withoutTiming(uninterrupted.history()));
            assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
            assertThat(resumed.validation()).isEqualTo(uninterrupted.validation());
            assertThat(resumed.test()).isEqualTo(uninterrupted.test());
            assertThat(resumed.parameters().values()).containsOnlyKeys(uninterrupted.parameters().values().keySet());
            resumed.parameters().values().forEach((name, v) ->
                    assertThat(v).as(name).containsExactly(uninterrupted.parameters().values().get(name)));
        }
    }

    /** Runs {@code config} uninterrupted, then crashed after epoch {@code stopAfter} in {@code runDir} and resumed. */
    public static Runs run(RunConfig config, MultimodalDataset dataset, Path runDir, int stopAfter) {
        RunOutcome uninterrupted = TrainingRun.execute(config, dataset, EpochListener.NONE);
        crash(config, dataset, runDir, stopAfter);
        CheckpointFiles.Saved saved = CheckpointFiles.load(runDir);
        assertThat(saved.state().epochsDone()).isEqualTo(stopAfter);
        RunOutcome resumed = TrainingRun.execute(saved.header().config(), dataset, EpochListener.NONE, saved.state(),
                Checkpointer.NONE);
        return new Runs(uninterrupted, saved, resumed);
    }

    /**
     * Trains {@code config} with a checkpoint in {@code runDir} after every epoch and "crashes" right after
     * saving epoch {@code stopAfter}; returns the state of that last checkpoint.
     */
    public static TrainingState crash(RunConfig config, MultimodalDataset dataset, Path runDir, int stopAfter) {
        CheckpointFiles.Header header = new CheckpointFiles.Header(config, Map.of("command", List.of("mla", "train")),
                dataset.name(), dataset.checksum());
        RunCheckpointer files = new RunCheckpointer(runDir, 1, header, false);
        TrainingState[] saved = new TrainingState[1];
        Checkpointer crashing = new Checkpointer() {
            @Override
            public boolean due(int epochsDone, int totalEpochs) {
                return files.due(epochsDone, totalEpochs);
            }

            @Override
            public void save(TrainingState state) {
                files.save(state);
                saved[0] = state;
                if (state.epochsDone() == stopAfter) {
                    throw new Crash();
                }
            }
        };
        assertThatThrownBy(() -> TrainingRun.execute(config, dataset, EpochListener.NONE, null, crashing))
                .isInstanceOf(Crash.class);
        return saved[0];
    }

    /** A history with its wall-clock fields zeroed: the rest of each record must match exactly. */
    public static List<String> withoutTiming(List<EpochRecord> history) {
        return history.stream().map(r -> new EpochRecord(r.epoch(), r.learningRate(), r.losses(), r.validation(), 0, 0)
                .toString()).toList();
    }
}
