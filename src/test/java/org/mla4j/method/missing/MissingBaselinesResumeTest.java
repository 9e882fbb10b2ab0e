package org.mla4j.method.missing;


import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mla4j.data.MissingProtocol;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.CrashAndResume;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.train.TrainSettings;

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

    @ParameterizedTest(name = "{0}, simulated mask: {1}")
    @CsvSource({"cca, true", "dcca, true", "dccae, true", "ae, true", "cra, true", "cra, false"})
    void resumedRunEqualsTheUninterruptedOne(String method, boolean masked) {
        Path data = TestDatasets.builder().samples(150).classes(3).modality("a", 6).modality("b", 5).modality("c", 4)
                .absent(7, "c").absent(20, "a").write(dir.resolve("data"));
        MultimodalDataset ds = DatasetLoader.load(data);
        RunConfig config = RunConfig.defaults(data.toString(), method, 3).with(TrainSettings.EPOCHS, EPOCHS)
                .with(TrainSettings.BATCH_SIZE, 32).with(CcaOptions.DIMS, 2).withEncoder(new EncoderSpec("mlp", 2, 8))
                .withMissing(masked ? new MissingSpec(0.3, 3, null, false, MissingProtocol.GLOBAL) : MissingSpec.NONE);
        CrashAndResume.run(config, ds, dir.resolve("run"), 2).assertResumedEqualsUninterrupted();
    }
}
