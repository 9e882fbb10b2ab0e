package org.mla4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.Modality;
import org.mla4j.data.PretrainedModule;
import org.mla4j.data.raw.pretrained.TinyModels;
import org.mla4j.io.InvalidInputException;

/** The {@code pretrained} encoder: a TorchScript module, then a linear layer; what it refuses. */
class TrainableModuleTest {
    @TempDir
    Path dir;

    private Modality image(String resource) {
        return new Modality("image", 64, List.of(1, 8, 8), FineTuneData.module(dir, resource));
    }

    @Test
    void aModalityWithAModuleGetsItAsItsEncoderUnlessAnotherTypeIsNamedForIt() {
        Modality image = image(TinyModels.TOP_HALF_PT);
        Modality flat = new Modality("flat", 4);
        EncoderSpec resolved = new EncoderSpec("mlp", 2, 16).resolve(List.of(image, flat));
        assertThat(resolved.perModality()).containsEntry("image", "pretrained").containsEntry("flat", "mlp");
        assertThat(resolved.featureSize("pretrained")).isEqualTo(16);
        assertThat(new EncoderSpec("auto", 2, 16, Map.of("image", "cnn")).resolve(List.of(image)).typeFor(image))
                .isEqualTo("cnn");
        assertThatThrownBy(() -> new EncoderSpec("pretrained", 2, 16).resolve(List.of(image, flat)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("encoder pretrained for modality 'flat' needs a TorchScript module, but the modality has none;"
                        + " name one in its raw manifest entry (\"pretrained\": \"x.pt\", \"fine_tune\": true)");
    }

    @Test
    void theEncoderIsTheModuleThenALinearLayer() {
        Modality image = image(TinyModels.TOP_HALF_PT);
        EncoderSpec spec = new EncoderSpec("auto", 3, 5).resolve(List.of(image));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Blocks.encoder(spec, image, manager);
            ParameterGroup group = new ParameterGroup("encoder.image", block);
            assertThat(group.parameterNames()).containsExactly("encoder.image.01module_fc1.weight",
                    "encoder.image.01module_fc1.bias", "encoder.image.01module_fc2.weight", "encoder.image.01module_fc2.bias",
                    "encoder.image.02linear_weight", "encoder.image.02linear_bias");
            assertThat(group.parameters()).allMatch(p -> p.requiresGradient());
            float[] x = new float[3 * 64];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(0.37 * i);
            }
            float[] w = group.parameters().get(4).getArray().toFloatArray(); // 5 × 2
            float[] b = group.parameters().get(5).getArray().toFloatArray();
            float[] y = group.forward(new ParameterStore(manager, false), manager.create(x, new Shape(3, 64)), false)
                    .toFloatArray();
            for (int i = 0; i < 3; i++) {
                float[] m = TinyModels.topHalf(x, i * 64);
                for (int k = 0; k < 5; k++) {
                    assertThat(y[i * 5 + k]).as("row %d, feature %d", i, k)
                            .isCloseTo(w[k * 2] * m[0] + w[k * 2 + 1] * m[1] + b[k], within(1e-5f));
                }
            }
        }
    }

    @Test
    void gradientsReachTheModulesWeightsEvenWhereTheyAreZero() {
        Modality image = image(TinyModels.TOP_HALF_PT);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Blocks.encoder(new EncoderSpec("auto", 1, 4).resolve(List.of(image)), image, manager);
            NDArray fc1 = block.getParameters().get("01module_fc1.weight").getArray();
            assertThat(fc1.get(":, 32:").abs().sum().getFloat()).as("the bottom half is not read").isZero();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = manager.randomNormal(new Shape(6, 64));
                NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                collector.backward(y.square().sum());
            }
            try (NDArray g = fc1.getGradient()) {
                assertThat(g.get(":, 32:").abs().sum().getFloat()).as("gradient on the unread half").isGreaterThan(0f);
            }
        }
    }

    @Test
    void aModuleThatChangesItsOwnStateInTrainingModeIsRefused() {
        Modality image = image(TinyModels.BATCHNORM_SCRIPTED_PT);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TrainableModule.load(image, 8, manager)).isInstanceOf(InvalidInputException.class)
                    .hasMessage(image.pretrained().file() + ": the module of modality 'image' changes its own state when it"
                            + " runs in training mode (batch-norm running statistics, which model files cannot hold);"
                            + " trace it in eval mode (model.eval(); torch.jit.trace(model, x)) to fine-tune it");
        }
    }

    @Test
    void aModuleForAnotherInputShapeIsRefused() {
        PretrainedModule module = FineTuneData.module(dir, TinyModels.TOP_HALF_PT);
        Modality small = new Modality("image", 16, List.of(1, 4, 4), module);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TrainableModule.load(small, 8, manager)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(module.file() + ": the module of modality 'image' cannot run on inputs float32"
                            + " (2, 1, 4, 4) (PyTorch: ");
        }
    }

    @Test
    void aMissingOrChangedFileIsRefusedInOneSentence() throws IOException {
        Modality image = image(TinyModels.TOP_HALF_PT);
        Path file = image.pretrained().path();
        try (NDManager manager = NDManager.newBaseManager()) {
            Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            assertThatThrownBy(() -> TrainableModule.load(image, 8, manager)).isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching(java.util.regex.Pattern.quote(file + ": the TorchScript module of modality 'image'"
                            + " has changed (SHA-256 ") + "[0-9a-f]{64}, recorded " + image.pretrained().sha256()
                            + "\\); put back the file it was made with");
            Files.delete(file);
            assertThatThrownBy(() -> TrainableModule.load(image, 8, manager)).isInstanceOf(InvalidInputException.class)
                    .hasMessage(file + ": the TorchScript module of modality 'image' is missing; it gives the encoder's"
                            + " structure, so put the file back where it was (SHA-256 " + image.pretrained().sha256() + ")");
        }
    }
}
