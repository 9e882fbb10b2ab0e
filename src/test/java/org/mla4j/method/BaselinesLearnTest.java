package org.mla4j.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.baseline.OgmFusion;
import org.mla4j.method.baseline.OgmOptions;
import org.mla4j.method.baseline.QmfOptions;
import org.mla4j.method.baseline.QmfVariant;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.SharedFiles;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;

/**
 * Each baseline learns on the real av_mnist_fsdd in a few epochs. The learning rate is raised (0.05;
 * 0.02 for QMF, which diverges at 0.05) and never decayed, so a handful of epochs is enough; the
 * epoch counts are the smallest at which validation passed 0.93 in a calibration run. The bar is
 * the fused test accuracy of the validation-selected model.
 */
class BaselinesLearnTest {
    private static MultimodalDataset data;

    @BeforeAll
    static void load() {
        Path dir = SharedFiles.data("av_mnist_fsdd");
        assumeTrue(Files.isRegularFile(dir.resolve("manifest.json")), "av_mnist_fsdd not available");
        data = DatasetLoader.load(dir);
    }

    @ParameterizedTest(name = "{0} {3}: {1} epochs at lr {2}")
    @CsvSource({
        "sum,     3, 0.05,",
        "concat,  3, 0.05,",
        "late,    2, 0.05,",
        "film,    4, 0.05,",
        "bigated, 10, 0.05,",
        "ogm-ge,  3, 0.05,",
        "ogm-ge,  3, 0.05, sum",
        "qmf,     3, 0.02,",
        "qmf,     3, 0.02, simplified",
    })
    void learnsAvMnistFsdd(String method, int epochs, double lr, String variant) {
        SettingValues options = SettingValues.NONE;
        if (variant != null) {
            options = method.equals("qmf") ? options.with(QmfOptions.VARIANT, QmfVariant.SIMPLIFIED)
                    : options.with(OgmOptions.FUSION, OgmFusion.SUM);
        }
        RunConfig config = TestConfigs.run(data.directory().toString(), method, 0, epochs, 64, lr,
                new int[] {1000}, 0.1, EncoderSpec.DEFAULT, options, MissingSpec.NONE);
        RunOutcome outcome = TrainingRun.execute(config, data, EpochListener.NONE);

        assertThat(outcome.test().fusedAccuracy()).as(method + " fused test accuracy").isGreaterThanOrEqualTo(0.90);
        assertThat(outcome.test().modalityAccuracy()).containsOnlyKeys(data.modalityNames());
        for (double acc : outcome.test().modalityAccuracy().values()) {
            assertThat(acc).isBetween(0.0, 1.0);
        }
        EpochRecord first = outcome.history().get(0);
        if (method.equals("ogm-ge")) {
            for (String name : data.modalityNames()) {
                assertThat(first.losses().get("ogm_coeff_" + name)).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
            }
        }
        if (method.equals("qmf")) {
            assertThat(first.losses()).containsKeys("loss_fused", "loss_ranking");
        }
    }
}
