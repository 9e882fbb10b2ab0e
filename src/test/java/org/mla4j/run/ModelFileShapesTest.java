package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.data.Standardizer;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.settings.SettingValues;

/** model.json carries modality shapes and per-modality encoders; files from before shapes still load. */
class ModelFileShapesTest {

    static Standardizer neutral(ModelSpec spec) {
        float[][] mean = new float[spec.numModalities()][];
        float[][] std = new float[spec.numModalities()][];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = new float[spec.modalities().get(m).dim()];
            std[m] = new float[spec.modalities().get(m).dim()];
            java.util.Arrays.fill(std[m], 1f);
        }
        return new Standardizer(mean, std);
    }

    @Test
    void shapesAndEncoderTypesSurviveSaveAndLoad(@TempDir Path dir) {
        ModelSpec spec = new ModelSpec(List.of(new Modality("image", 48, List.of(3, 4, 4)), new Modality("text", 5)), 3,
                new EncoderSpec("auto", 2, 8));
        try (NDManager manager = NDManager.newBaseManager();
             Method method = Methods.create("mla", spec, SettingValues.NONE, manager)) {
            ParameterSnapshot params = ParameterSnapshot.of(method.groups());
            ModelFile.save(dir, "mla", spec, SettingValues.NONE, List.of("a", "b", "c"), params, neutral(spec), List.of());
            ModelFile.Loaded loaded = ModelFile.load(dir);
            assertThat(loaded.spec()).isEqualTo(spec);
            assertThat(loaded.spec().modalities().get(0).shape()).containsExactly(3, 4, 4);
            assertThat(loaded.spec().encoder().perModality()).isEqualTo(Map.of("image", "cnn", "text", "mlp"));
            assertThat(loaded.parameters().values().keySet()).anyMatch(k -> k.endsWith("runningMean"));
            try (Method again = loaded.instantiate(manager)) {
                assertThat(ParameterSnapshot.of(again.groups()).values().keySet())
                        .containsExactlyElementsOf(params.values().keySet());
            }
        }
    }

    @Test
    void aModelFileWithoutShapesOrPerModalityEncodersStillLoads(@TempDir Path dir) throws Exception {
        ModelSpec spec = new ModelSpec(List.of(new Modality("a", 3), new Modality("b", 2)), 2, new EncoderSpec("mlp", 1, 4));
        try (NDManager manager = NDManager.newBaseManager();
             Method method = Methods.create("mla", spec, SettingValues.NONE, manager)) {
            ModelFile.save(dir, "mla", spec, SettingValues.NONE, List.of("x", "y"), ParameterSnapshot.of(method.groups()),
                    neutral(spec), List.of());
        }
        Path json = dir.resolve(ModelFile.DESCRIPTION);
        String old = Files.readString(json).replaceAll(",\\s*\"shape\"\\s*:\\s*\\[[^]]*]", "")
                .replaceAll(",\\s*\"perModality\"\\s*:\\s*\\{[^}]*}", "");
        assertThat(old).doesNotContain("shape").doesNotContain("perModality");
        Files.writeString(json, old);
        ModelFile.Loaded loaded = ModelFile.load(dir);
        assertThat(loaded.spec().modalities()).containsExactly(new Modality("a", 3), new Modality("b", 2));
        assertThat(loaded.spec().encoderType(0)).isEqualTo("mlp");
    }
}
