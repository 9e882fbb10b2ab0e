package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Losses;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * Backward passes cut at a group's output: the same gradients, bit for bit, as one pass, with the
 * group's share run on another thread, and in a chain of cuts whichever group is taken first.
 */
class DeferredBackwardTest {

    private static ParameterGroup mlp(String name, int in, int out, NDManager manager) {
        SequentialBlock block = new SequentialBlock()
                .add(Blocks.linear(in, out, manager)).add(Activation.reluBlock())
                .add(Blocks.linear(out, out, manager)).add(Activation.reluBlock());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, in));
        return new ParameterGroup(name, block);
    }

    private static List<float[]> gradients(ParameterGroup... groups) {
        List<float[]> out = new ArrayList<>();
        for (ParameterGroup g : groups) {
            for (Parameter p : g.parameters()) {
                out.add(p.getArray().getGradient().toFloatArray());
            }
        }
        return out;
    }

    private static void zeroGradients(ParameterGroup... groups) {
        for (ParameterGroup g : groups) {
            for (Parameter p : g.parameters()) {
                Optimizer.zeroGradient(p);
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

    private static void assertSame(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }
    }

    @Test
    void givesTheGradientsOfOneBackwardPassWithTheGroupsShareOnAnotherThread() throws Exception {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterGroup encoder = mlp("encoder", 12, 8, manager);
            ParameterGroup head = new ParameterGroup("head", Blocks.linear(8, 3, manager));
            NDArray x = manager.randomNormal(new Shape(5, 12));
            NDArray oneHot = manager.create(new int[] {0, 2, 1, 1, 0}).oneHot(3);
            ParameterStore store = new ParameterStore(manager, false);

            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray logits = head.forward(store, encoder.forward(store, x, true), true);
                c.backward(Losses.crossEntropy(logits, oneHot));
            }
            List<float[]> joint = gradients(encoder, head);
            zeroGradients(encoder, head);

            DeferredBackward deferred = new DeferredBackward();
            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray features = deferred.cut(encoder, x, encoder.forward(store, x, true), 1);
                c.backward(Losses.crossEntropy(head.forward(store, features, true), oneHot));
            }
            assertThat(allZero(gradients(encoder))).as("backward stops at the cut").isTrue();
            assertThat(allZero(gradients(head))).as("the head's gradients are there").isFalse();
            assertThat(deferred.take(head)).as("nothing is pending for the head").isNull();

            Thread other = new Thread(deferred.take(encoder).task(), "encoder-share");
            other.start();
            other.join();
            assertSame(gradients(encoder, head), joint);
            assertThat(deferred.take(encoder)).as("a share is taken once").isNull();
        }
    }

    @Test
    void aChainOfCutsGivesOnePassesGradientsWhicheverGroupIsTakenFirst() {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterGroup encoder = mlp("encoder", 12, 8, manager);
            ParameterGroup middle = mlp("middle", 8, 6, manager);
            ParameterGroup head = new ParameterGroup("head", Blocks.linear(6, 3, manager));
            NDArray x = manager.randomNormal(new Shape(7, 12));
            NDArray oneHot = manager.create(new int[] {0, 2, 1, 1, 0, 2, 2}).oneHot(3);
            ParameterStore store = new ParameterStore(manager, false);

            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray h = middle.forward(store, encoder.forward(store, x, true), true);
                c.backward(Losses.crossEntropy(head.forward(store, h, true), oneHot));
            }
            List<float[]> joint = gradients(encoder, middle, head);
            zeroGradients(encoder, middle, head);

            DeferredBackward deferred = new DeferredBackward();
            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray h1 = deferred.cut(encoder, x, encoder.forward(store, x, true), 1);
                NDArray h2 = deferred.cut(middle, h1, middle.forward(store, h1, true), 1);
                c.backward(Losses.crossEntropy(head.forward(store, h2, true), oneHot));
            }
            deferred.take(encoder).task().run(); // runs the middle's share first: the encoder's needs it
            assertThat(deferred.take(middle)).as("the middle's share already ran").isNull();
            assertSame(gradients(encoder, middle, head), joint);
        }
    }

    @Test
    void sharesOfGroupsThatReadRawDataAreTakenIndependently() {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(13);
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterGroup first = mlp("first", 12, 8, manager);
            ParameterGroup second = mlp("second", 12, 8, manager);
            ParameterGroup head = new ParameterGroup("head", Blocks.linear(16, 3, manager));
            NDArray x = manager.randomNormal(new Shape(6, 12));
            NDArray oneHot = manager.create(new int[] {0, 2, 1, 1, 0, 2}).oneHot(3);
            ParameterStore store = new ParameterStore(manager, false);

            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray h = first.forward(store, x, true).concat(second.forward(store, x, true), 1);
                c.backward(Losses.crossEntropy(head.forward(store, h, true), oneHot));
            }
            List<float[]> joint = gradients(first, second, head);
            zeroGradients(first, second, head);

            DeferredBackward deferred = new DeferredBackward();
            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray h1 = deferred.cut(first, x, first.forward(store, x, true), 1);
                NDArray h2 = deferred.cut(second, x, second.forward(store, x, true), 1);
                c.backward(Losses.crossEntropy(head.forward(store, h1.concat(h2, 1), true), oneHot));
            }
            deferred.take(first).task().run();
            assertThat(allZero(gradients(second))).as("the second share does not feed the first: still pending")
                    .isTrue();
            deferred.take(second).task().run();
            assertSame(gradients(first, second, head), joint);
        }
    }
}
