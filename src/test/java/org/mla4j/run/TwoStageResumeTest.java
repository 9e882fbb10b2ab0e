package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.mla4j.train.TrainSettings;

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

    @ParameterizedTest(name = "{0} resumed after epoch {1}")
    @CsvSource({"mmin, 2", "mmin, 1", "if-mmin, 2", "tate, 3", "cpm-net, 2"})
    void resumedRunEqualsTheUninterruptedOne(String method, int stopAfter) {
        RunConfig config = config(method);
        CrashAndResume.Runs runs = CrashAndResume.run(config, dataset, dir.resolve("run"), stopAfter);
        runs.assertResumedEqualsUninterrupted();
        assertThat(runs.resumed().bestEpoch()).isGreaterThanOrEqualTo(method.equals("cpm-net") ? 0 : 1);
    }
}
