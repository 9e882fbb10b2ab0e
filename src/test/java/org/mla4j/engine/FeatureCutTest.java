package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Losses;
import org.mla4j.nn.Blocks;

/** The backward pass cut at the features: same gradients, encoder half on another thread. */
class FeatureCutTest {

    private static Block encoder(NDManager manager) {
        SequentialBlock block = new SequentialBlock()
                .add(Blocks.linear(12, 8, manager)).add(Activation.reluBlock())
                .add(Blocks.linear(8, 8, manager)).add(Activation.reluBlock());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 12));
        return block;
    }

    private static List<float[]> gradients(Block... blocks) {
        List<float[]> out = new ArrayList<>();
        for (Block b : blocks) {
            for (Pair<String, Parameter> p : b.getParameters()) {
                out.add(p.getValue().getArray().getGradient().toFloatArray());
            }
        }
        return out;
    }

    private static void zeroGradients(Block... blocks) {
        for (Block b : blocks) {
            for (Pair<String, Parameter> p : b.getParameters()) {
                Sgd.zeroGradient(p.getValue());
            }
        }
    }

    private static boolean allZero(List<float[]> gradients) {
        return gradients.stream().allMatch(g -> {
            for (float v : g) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void givesTheGradientsOfOneBackwardPassWithTheEncoderHalfOnAnotherThread() throws Exception {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block encoder = encoder(manager);
            Block head = Blocks.linear(8, 3, manager);
            NDArray x = manager.randomNormal(new Shape(5, 12));
            NDArray oneHot = manager.create(new int[] {0, 2, 1, 1, 0}).oneHot(3);
            ParameterStore store = new ParameterStore(manager, false);

            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray features = encoder.forward(store, new NDList(x), true).singletonOrThrow();
                NDArray logits = head.forward(store, new NDList(features), true).singletonOrThrow();
                c.backward(Losses.crossEntropy(logits, oneHot));
            }
            List<float[]> joint = gradients(encoder, head);
            zeroGradients(encoder, head);

            FeatureCut cut;
            try (GradientCollector c = engine.newGradientCollector()) {
                cut = new FeatureCut(encoder.forward(store, new NDList(x), true).singletonOrThrow());
                NDArray logits = head.forward(store, new NDList(cut.headInput()), true).singletonOrThrow();
                c.backward(Losses.crossEntropy(logits, oneHot));
            }
            assertThat(allZero(gradients(encoder))).as("backward stops at the cut").isTrue();
            assertThat(allZero(gradients(head))).as("the head's gradients are there").isFalse();

            Thread other = new Thread(cut.encoderPart(), "encoder-half");
            other.start();
            other.join();
            List<float[]> split = gradients(encoder, head);
            assertThat(split).hasSameSizeAs(joint);
            for (int i = 0; i < joint.size(); i++) {
                assertThat(split.get(i)).as("parameter %d", i).containsExactly(joint.get(i));
            }
        }
    }
}
