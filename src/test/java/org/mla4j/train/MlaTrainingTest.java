package org.mla4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.engine.TrainingSession;
import org.mla4j.method.mla.HgmFeatures;
import org.mla4j.method.mla.Mla;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;

/** MLA's training step: who moves, and what HGM changes. */
class MlaTrainingTest {
    private static final EncoderSpec SMALL = new EncoderSpec("mlp", 2, 8);

    @TempDir
    Path dir;

    /** Rows 0–9 lack modality b; rows 10–19 have both. */
    private MultimodalDataset dataset() {
        TestDatasets.Builder b = TestDatasets.builder().samples(20);
        for (int row = 0; row < 10; row++) {
            b.absent(row, "b");
        }
        return DatasetLoader.load(b.write(dir));
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }

    /** One batch as the training loop runs it, in an epoch of its own, so every update is done afterwards. */
    private static void trainBatch(Mla mla, TensorSplit split, int[] positions, TrainingSession session,
                                   NDManager manager) {
        TrainingStep step = session.startEpoch(0, 0.05f, new SplittableRandom(1));
        try (NDManager batchManager = manager.newSubManager()) {
            for (ParameterGroup g : mla.groups()) {
                batchManager.tempAttachAll(g.arrays());
            }
            session.startBatch(batchManager);
            mla.trainBatch(split.batch(batchManager, positions), step);
            session.endBatch();
        }
        session.endEpoch();
    }

    @Test
    void inactiveEncoderDoesNotMoveEvenWithMomentumAndWeightDecay() {
        MultimodalDataset ds = dataset();
        int[] rows = range(0, 20);
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("all", ds, Standardizer.fit(ds, rows), rows, manager);
             Mla mla = new Mla(new ModelSpec(ds.modalities(), ds.numClasses(), SMALL),
                     new MlaOptions(true, 1.0, HgmFeatures.PREVIOUS, FusionMode.DYNAMIC), manager);
             TrainingSession session = new TrainingSession(manager, OptimizerSpec.sgd(0.9f, 1e-2f))) {
            trainBatch(mla, split, range(10, 20), session, manager); // both modalities take a turn: momentum builds up
            ParameterSnapshot before = ParameterSnapshot.of(mla.groups());
            trainBatch(mla, split, range(0, 10), session, manager); // no sample has b: b sits the batch out
            ParameterSnapshot after = ParameterSnapshot.of(mla.groups());
            assertThat(changed(before, after, "encoder.b.")).as("encoder b").isFalse();
            assertThat(changed(before, after, "encoder.a.")).as("encoder a").isTrue();
            assertThat(changed(before, after, "head.")).as("head").isTrue();
        }
    }

    @Test
    void hgmOnAndOffAndFeatureSourceGiveDifferentModels() {
        MultimodalDataset ds = dataset();
        float[] on = headAfterTraining(ds, new MlaOptions(true, 1.0, HgmFeatures.PREVIOUS, FusionMode.DYNAMIC));
        float[] off = headAfterTraining(ds, new MlaOptions(false, 1.0, HgmFeatures.PREVIOUS, FusionMode.DYNAMIC));
        float[] current = headAfterTraining(ds, new MlaOptions(true, 1.0, HgmFeatures.CURRENT, FusionMode.DYNAMIC));
        float[] offAgain = headAfterTraining(ds, new MlaOptions(false, 1.0, HgmFeatures.PREVIOUS, FusionMode.DYNAMIC));
        assertThat(on).isNotEqualTo(off);
        assertThat(current).isNotEqualTo(on);
        assertThat(offAgain).as("same seed, same settings").isEqualTo(off);
    }

    private static float[] headAfterTraining(MultimodalDataset ds, MlaOptions options) {
        int[] rows = range(0, 20);
        Engine.getEngine("PyTorch").setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("all", ds, Standardizer.fit(ds, rows), rows, manager);
             Mla mla = new Mla(new ModelSpec(ds.modalities(), ds.numClasses(), SMALL), options, manager);
             TrainingSession session = new TrainingSession(manager, OptimizerSpec.sgd(0.9f, 1e-4f))) {
            for (int epoch = 0; epoch < 3; epoch++) {
                trainBatch(mla, split, range(0, 10), session, manager);
                trainBatch(mla, split, range(10, 20), session, manager);
            }
            return ParameterSnapshot.of(mla.groups()).values().get(mla.groups().get(2).parameterNames().get(0));
        }
    }

    private static boolean changed(ParameterSnapshot a, ParameterSnapshot b, String prefix) {
        boolean any = false;
        for (String name : a.values().keySet()) {
            if (name.startsWith(prefix)) {
                any |= !java.util.Arrays.equals(a.values().get(name), b.values().get(name));
            }
        }
        return any;
    }
}
