package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.cli.CliRun;
import org.mla4j.data.MissingProtocol;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.ValidationSplit;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.train.EpochListener;
import org.mla4j.train.TrainSettings;

/**
 * The baselines inside runs: the global protocol's mask reaches a run (its validation and test splits are
 * scored on exactly that mask, whose observed share is within 0.005 of 1 − η), and bad input to them is one
 * sentence with exit code 2.
 */
class MissingBaselinesRunTest {
    @TempDir
    Path dir;

    @Test
    void aRunUnderTheGlobalProtocolSeesItsShareOfObservedCells() {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(600).classes(3).modality("a", 4)
                .modality("b", 3).modality("c", 2).write(dir.resolve("data")));
        MissingSpec missing = new MissingSpec(0.3, 4, null, false, MissingProtocol.GLOBAL);
        RunConfig config = RunConfig.defaults(ds.directory().toString(), "cca", 4).with(TrainSettings.EPOCHS, 2)
                .withMissing(missing);
        RunOutcome outcome = TrainingRun.execute(config, ds, EpochListener.NONE);

        MultimodalDataset masked = TrainingRun.withMissing(ds, missing);
        int observed = 0;
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < ds.numSamples(); i++) {
                observed += masked.isPresent(m, i) ? 1 : 0;
            }
        }
        assertThat(observed / (3.0 * ds.numSamples())).isCloseTo(0.7, within(0.005));
        Splits splits = ValidationSplit.carve(ds.trainIndices(), ds.labels(), ds.numClasses(), config.validationFraction(),
                config.splitSeed());
        for (int m = 0; m < 3; m++) {
            String name = ds.modalityNames().get(m);
            assertThat(outcome.validation().modalitySamples().get(name)).as("validation samples with " + name)
                    .isEqualTo(count(masked, m, splits.validation()));
            assertThat(outcome.test().modalitySamples().get(name)).as("test samples with " + name)
                    .isEqualTo(count(masked, m, ds.testIndices()));
        }
    }

    private static int count(MultimodalDataset ds, int m, int[] rows) {
        int c = 0;
        for (int r : rows) {
            c += ds.isPresent(m, r) ? 1 : 0;
        }
        return c;
    }

    @Test
    void badInputIsOneSentence() {
        Path two = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("two"));
        Path one = TestDatasets.builder().samples(40).classes(2).modality("a", 3).write(dir.resolve("one"));
        for (List<String> args : List.of(
                List.of("train", "--data", two.toString(), "--method", "cca", "--cca-form", "sumcor"),
                List.of("train", "--data", two.toString(), "--method", "dcca", "--cca-dims", "0"),
                List.of("train", "--data", two.toString(), "--method", "cra", "--cra-blocks", "-1"),
                List.of("train", "--data", one.toString(), "--method", "ae", "--epochs", "1"))) {
            CliRun cli = CliRun.of(args);
            assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
            assertThat(cli.errorLines()).as(cli.toString()).hasSize(1);
            assertThat(cli.err()).doesNotContain("\tat ");
        }
        CliRun cli = CliRun.of("train", "--data", one.toString(), "--method", "ae", "--epochs", "1");
        assertThat(cli.err()).contains("at least 2 modalities");
    }
}
