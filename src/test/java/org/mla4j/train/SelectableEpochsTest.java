package org.mla4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Batch;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.settings.SettingValues;

/** The loop asks a method to prepare on the fit split once, and selects only epochs the method allows. */
class SelectableEpochsTest {
    @TempDir
    Path dir;

    /** MLA that may only be chosen from its fourth epoch on, and counts its preparations. */
    private static final class LateChoice implements Method {
        final Method inner;
        int prepared;

        LateChoice(Method inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<ParameterGroup> groups() {
            return inner.groups();
        }

        @Override
        public void prepare(TensorSplit fit, NDManager manager) {
            prepared++;
        }

        @Override
        public void trainBatch(Batch batch, TrainingStep step) {
            inner.trainBatch(batch, step);
        }

        @Override
        public boolean selectable(int epoch) {
            return epoch >= 3;
        }

        @Override
        public Predictions predict(Batch batch) {
            return inner.predict(batch);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void epochsTheMethodRulesOutAreNeverChosen() {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(60).classes(2).write(dir));
        Engine.getEngine("PyTorch").setRandomSeed(1);
        int[] rows = ds.trainIndices();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, Standardizer.fit(ds, rows), rows, manager);
             LateChoice method = new LateChoice(Methods.create("mla", new ModelSpec(ds.modalities(), 2,
                     new EncoderSpec("mlp", 1, 4)), SettingValues.NONE, manager))) {
            TrainConfig config = new TrainConfig(5, 16, LearningRateSchedule.step(0.05, 0.1, new int[0]), 0.9f, 1e-4f, 0);
            TrainResult result = new Trainer(config, EpochListener.NONE)
                    .fit(method, TrainingSplits.withoutTest(fit, fit, ds.modalityNames()), manager);
            assertThat(result.bestEpoch()).isGreaterThanOrEqualTo(3);
            assertThat(method.prepared).isEqualTo(1);
        }
    }
}
