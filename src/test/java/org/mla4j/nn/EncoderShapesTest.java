package org.mla4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.io.InvalidInputException;

class EncoderShapesTest {
    static final Modality IMAGE = new Modality("image", 784, List.of(1, 28, 28));
    static final Modality RGB = new Modality("rgb", 3 * 32 * 32, List.of(3, 32, 32));
    static final Modality TEXT = new Modality("text", 50);

    static long trainable(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    static long frozen(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    static NDArray forward(Block block, NDManager manager, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    @Test
    void resnet18HasTorchvisionsParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSpec rgb = new ModelSpec(List.of(RGB), 10, new EncoderSpec("resnet18", 3, 128));
            Block b3 = Blocks.encoder(rgb.encoder(), rgb.modalities().get(0), manager);
            // torchvision resnet18: 11,689,512 parameters, of which the fc layer holds 512*1000 + 1000
            assertThat(trainable(b3)).isEqualTo(11_689_512L - 513_000L);
            assertThat(frozen(b3)).as("running mean + var of 20 batch norms").isEqualTo(2L * 4800);

            ModelSpec gray = new ModelSpec(List.of(IMAGE), 10, new EncoderSpec("resnet18", 3, 128));
            Block b1 = Blocks.encoder(gray.encoder(), gray.modalities().get(0), manager);
            assertThat(trainable(b1)).isEqualTo(11_176_512L - 64L * 2 * 7 * 7);
            assertThat(forward(b1, manager, manager.randomNormal(new Shape(2, 784)), false).getShape())
                    .isEqualTo(new Shape(2, 512));

            ModelSpec small = new ModelSpec(List.of(IMAGE), 10, new EncoderSpec("resnet18-small", 3, 128));
            Block bs = Blocks.encoder(small.encoder(), small.modalities().get(0), manager);
            assertThat(trainable(bs)).isEqualTo(11_176_512L - 64L * 3 * 7 * 7 + 64L * 9);
            assertThat(forward(bs, manager, manager.randomNormal(new Shape(2, 784)), true).getShape())
                    .isEqualTo(new Shape(2, 512));
            assertThat(small.featureSize()).isEqualTo(512);
        }
    }

    @Test
    void smallCnnMapsFlatRowsToWidthFeatures() {
        assertThat(SmallCnn.channels(3, 128)).containsExactly(32, 64, 128);
        assertThat(SmallCnn.channels(4, 128)).containsExactly(16, 32, 64, 128);
        assertThat(SmallCnn.channels(3, 4)).containsExactly(4, 4, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(1);
            for (Modality m : List.of(IMAGE, RGB, new Modality("spec", 1024, List.of(1, 32, 32)),
                    new Modality("tiny", 6, List.of(1, 2, 3)))) {
                ModelSpec spec = new ModelSpec(List.of(m), 10, new EncoderSpec("cnn", 3, 64));
                Block b = Blocks.encoder(spec.encoder(), spec.modalities().get(0), manager);
                NDArray x = manager.randomNormal(new Shape(5, m.dim()));
                assertThat(forward(b, manager, x, true).getShape()).as(m.name()).isEqualTo(new Shape(5, 64));
                NDArray eval1 = forward(b, manager, x, false);
                NDArray eval2 = forward(b, manager, x, false);
                assertThat(eval1.toFloatArray()).as("inference does not change running statistics").containsExactly(
                        eval2.toFloatArray());
            }
        }
    }

    @Test
    void autoPicksCnnForGridsAndMlpForFlatFeatures() {
        ModelSpec spec = new ModelSpec(List.of(IMAGE, TEXT), 10, EncoderSpec.DEFAULT);
        assertThat(spec.encoderType(0)).isEqualTo("cnn");
        assertThat(spec.encoderType(1)).isEqualTo("mlp");
        assertThat(spec.encoder().perModality()).isEqualTo(Map.of("image", "cnn", "text", "mlp"));
        assertThat(spec.featureSize()).isEqualTo(128);
        ModelSpec override = new ModelSpec(List.of(IMAGE, TEXT), 10, new EncoderSpec("auto", 3, 128, Map.of("image", "mlp")));
        assertThat(override.encoderType(0)).isEqualTo("mlp");
        assertThat(new ModelSpec(List.of(IMAGE), 10, new EncoderSpec("mlp", 2, 16)).encoderType(0)).isEqualTo("mlp");
    }

    @Test
    void impossibleChoicesAreExplained() {
        assertThatThrownBy(() -> new ModelSpec(List.of(TEXT), 10, new EncoderSpec("cnn", 3, 128)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'text'").hasMessageContaining("flat");
        assertThatThrownBy(() -> new ModelSpec(List.of(IMAGE, TEXT), 10,
                new EncoderSpec("auto", 3, 128, Map.of("image", "resnet18"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("different sizes")
                .hasMessageContaining("--width 512");
        assertThatThrownBy(() -> new ModelSpec(List.of(IMAGE), 10, new EncoderSpec("auto", 3, 128, Map.of("video", "cnn"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'video'");
        assertThatThrownBy(() -> new EncoderSpec("vgg", 3, 128)).hasMessageContaining("vgg");
    }
}
