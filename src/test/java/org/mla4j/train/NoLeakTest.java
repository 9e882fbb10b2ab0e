package org.mla4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.bench.LiveArrays;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.ValidationSplit;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.Methods;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;

/** Training does not accumulate engine arrays: the count after every epoch from the second on is flat. */
class NoLeakTest {
    @TempDir
    Path dir;

    @Test
    void liveArrayCountIsFlatAcrossEpochsWithAndWithoutHgm() {
        TestDatasets.Builder builder = TestDatasets.builder().samples(60);
        for (int row = 0; row < 60; row += 7) {
            builder.absent(row, "b"); // some batches lack b for part of their samples
        }
        MultimodalDataset ds = DatasetLoader.load(builder.write(dir));
        for (boolean hgm : new boolean[] {true, false}) {
            List<Integer> counts = new ArrayList<>();
            Splits splits = ValidationSplit.carve(ds, 0.2, 0);
            try (NDManager manager = NDManager.newBaseManager();
                 TensorSplit fit = TensorSplit.build("fit", ds, Standardizer.fit(ds, splits.fit()), splits.fit(), manager);
                 TensorSplit val = TensorSplit.build("val", ds, Standardizer.fit(ds, splits.fit()), splits.validation(),
                         manager);
                 Method mla = Methods.create("mla", new ModelSpec(ds.modalities(), 2, new EncoderSpec("mlp", 2, 8)),
                         SettingValues.NONE.with(MlaOptions.HGM, hgm), manager)) {
                TrainConfig config = new TrainConfig(8, 8, LearningRateSchedule.step(0.01, 0.1, new int[] {4}), 0.9f,
                        1e-4f, 0);
                new Trainer(config, new EpochListener() {
                    @Override
                    public void onEpoch(EpochRecord record, boolean improved) {
                        counts.add(LiveArrays.count(manager));
                    }
                }).fit(mla, TrainingSplits.withoutTest(fit, val, ds.modalityNames()), manager);
            }
            assertThat(counts.subList(1, counts.size())).as("HGM %s", hgm).containsOnly(counts.get(1));
        }
    }
}
