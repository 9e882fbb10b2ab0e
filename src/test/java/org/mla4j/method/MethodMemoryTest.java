package org.mla4j.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingSplits;

/** No method leaves engine arrays behind from one epoch to the next. */
class MethodMemoryTest {
    @TempDir
    static Path dir;

    static List<String> methods() {
        return Methods.names();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void managedArraysStayConstantAcrossEpochs(String name) {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(80).classes(2)
                .modality("a", 3).modality("b", 2).modality("c", 4).write(dir.resolve(name)));
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), new EncoderSpec("mlp", 1, 4));
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, Standardizer.fit(ds, ds.trainIndices()), ds.trainIndices(),
                     manager);
             Method method = Methods.create(name, spec, MissingModalitiesTest.shortTeacher(name), manager)) {
            List<Integer> counts = new ArrayList<>();
            EpochListener count = new EpochListener() {
                @Override
                public void onEpoch(EpochRecord record, boolean improved) {
                    counts.add(manager.getManagedArrays().size());
                }
            };
            // the method's own recipe (SGD at 0.01 for methods without one); a teacher stage ends after epoch 1
            TrainConfig config = MissingModalitiesTest.recipe(name, 4, 8);
            new Trainer(config, count).fit(method, TrainingSplits.withoutTest(fit, fit, ds.modalityNames()), manager);
            // epoch 1 may still create optimiser state (momentum buffers); after that nothing may pile up
            assertThat(counts.get(3)).as("arrays after epochs " + counts).isEqualTo(counts.get(1));
        }
    }
}
