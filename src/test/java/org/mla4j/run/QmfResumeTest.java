package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

/**
 * QMF's history is training state: a run stopped after a checkpoint and resumed ends bit for bit
 * like the uninterrupted one, for both variants (the paper's cumulative losses are kept as float64),
 * and the checkpoint holds exactly the training variant's history.
 */
class QmfResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(QmfVariant.class)
    void resumedRunEqualsTheUninterruptedOne(QmfVariant variant) {
        Path data = TestDatasets.builder().samples(200).classes(4).modality("a", 10).modality("b", 6)
                .write(dir.resolve("data"));
        MultimodalDataset dataset = DatasetLoader.load(data);
        RunConfig config = TestConfigs.run(data.toString(), "qmf", 3, EPOCHS, 32, 0.05, new int[] {3}, 0.2,
                new EncoderSpec("mlp", 2, 8), SettingValues.NONE.with(QmfOptions.VARIANT, variant), MissingSpec.NONE);
        CrashAndResume.Runs runs = CrashAndResume.run(config, dataset, dir.resolve("run"), 2);
        String kept = variant == QmfVariant.PAPER ? "qmf.loss." : "qmf.correct.";
        Map<String, double[]> state = runs.saved().state().methodState();
        assertThat(state.keySet()).allMatch(k -> k.startsWith(kept)
                || variant == QmfVariant.SIMPLIFIED && k.startsWith("qmf.visits."));
        assertThat(state).containsKeys(kept + "a", kept + "b");
        runs.assertResumedEqualsUninterrupted();
    }
}
