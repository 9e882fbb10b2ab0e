package org.mla4j.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.eval.Evaluator;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.run.ModelFile;
import org.mla4j.settings.SettingValues;

/** Every method saves to a model file and loads back to the same predictions. */
class BaselineModelFileTest {
    @TempDir
    Path dir;

    static List<String> methods() {
        return Methods.names();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void roundTrips(String name) {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(30).classes(3)
                .modality("a", 3).modality("b", 2).modality("c", 4).write(dir.resolve("data")));
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), new EncoderSpec("mlp", 1, 6));
        SettingValues options = SettingValues.NONE;
        Standardizer standardizer = Standardizer.fit(ds, ds.trainIndices());
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("t", ds, standardizer, ds.testIndices(), manager);
             Method original = Methods.create(name, spec, options, manager)) {
            ModelFile.save(dir, name, spec, options, ds.classNames(), ParameterSnapshot.of(original.groups()),
                    standardizer, java.util.List.of());
            try (Method loaded = ModelFile.load(dir).instantiate(manager)) {
                Predictions a = Evaluator.predict(original, split, manager);
                Predictions b = Evaluator.predict(loaded, split, manager);
                assertThat(b.fusedLogits()).containsExactly(a.fusedLogits());
                for (int m = 0; m < 3; m++) {
                    if (a.modalityLogits()[m] == null) { // a method without unimodal outputs (CPM-Net)
                        assertThat(b.modalityLogits()[m]).isNull();
                    } else {
                        assertThat(b.modalityLogits()[m]).containsExactly(a.modalityLogits()[m]);
                    }
                }
            }
        }
    }
}
