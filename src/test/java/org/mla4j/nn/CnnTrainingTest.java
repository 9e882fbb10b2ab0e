package org.mla4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Method;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.Methods;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.SharedFiles;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;

/** A small CNN learns real digits; batch norm statistics move in training and are saved with the model. */
public class CnnTrainingTest {

    /** The image modality of av_mnist_fsdd shaped (1, 28, 28), every third training row. */
    public static MultimodalDataset mnistSubset() {
        MultimodalDataset ds = DatasetLoader.load(SharedFiles.data("av_mnist_fsdd"));
        int m = ds.modalityIndex("image_mnist_784");
        int[] train = IntStream.range(0, ds.trainIndices().length).filter(i -> i % 3 == 0)
                .map(i -> ds.trainIndices()[i]).toArray();
        return new MultimodalDataset("mnist-subset", ds.directory(), List.of(new Modality("image", 784, List.of(1, 28, 28))),
                ds.classNames(), new float[][] {ds.features(m)}, ds.labels(), new boolean[][] {ds.present(m)}, train,
                ds.testIndices(), ds.checksum());
    }

    @Test
    void cnnLearnsDigitsInAFewEpochs() {
        MultimodalDataset ds = mnistSubset();
        RunConfig config = TestConfigs.run("test", "mla", 0, 4, 32, 0.05, new int[] {}, 0.1,
                new EncoderSpec("cnn", 3, 32), SettingValues.NONE.with(MlaOptions.HGM, false), MissingSpec.NONE);
        RunOutcome out = TrainingRun.execute(config, ds, EpochListener.NONE);
        assertThat(out.spec().encoderType(0)).isEqualTo("cnn");
        // chance is 0.1; this small net reaches ~0.7-0.9 here (BENCHMARKS.md has full-length runs)
        assertThat(out.test().fusedAccuracy()).as("test accuracy after 4 epochs on 810 digits").isGreaterThan(0.6);

        // running statistics are parameters without gradient: they moved away from their initial values and are saved
        String runningVar = out.parameters().values().keySet().stream().filter(k -> k.endsWith("runningVar"))
                .findFirst().orElseThrow();
        float[] v = out.parameters().values().get(runningVar);
        assertThat(v).as(runningVar).isNotEqualTo(filled(v.length, 1f));
        try (NDManager manager = NDManager.newBaseManager();
             Method fresh = Methods.create("mla", out.spec(), SettingValues.NONE, manager)) {
            out.parameters().restoreInto(fresh.groups());
            assertThat(fresh.groups().get(0).parameters().stream().filter(p -> !p.requiresGradient()).count())
                    .as("3 batch norms × (mean, var)").isEqualTo(6);
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }
}
