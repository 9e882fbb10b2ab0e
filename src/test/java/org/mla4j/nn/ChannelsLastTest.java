package org.mla4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Convolutional encoders run channels-last; the layout must not change what they compute. */
class ChannelsLastTest {
    private static NDArray apply(Block block, NDManager manager, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    @Test
    void gridHoldsTheSameValuesAsThePlainReshape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int c : new int[] {1, 3}) {
                NDArray rows = manager.arange(0f, 2f * c * 4 * 5).reshape(2, (long) c * 4 * 5);
                NDArray plain = rows.reshape(2, c, 4, 5);
                Block grid = Blocks.toGrid(c, 4, 5, true);
                grid.initialize(manager, DataType.FLOAT32, new Shape(1, (long) c * 4 * 5));
                NDArray laid = apply(grid, manager, rows, false);
                assertThat(laid.getShape()).isEqualTo(new Shape(2, c, 4, 5));
                assertThat(laid.toFloatArray()).as("C = %d", c).containsExactly(plain.toFloatArray());
            }
        }
    }

    @Test
    void smallCnnGivesTheSameFeaturesAndGradientsInEitherLayout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            for (int c : new int[] {1, 3}) {
                Block body = SmallCnn.build(3, 16, 12, 10);
                body.initialize(manager, DataType.FLOAT32, new Shape(1, c, 12, 10));
                NDArray rows = manager.randomNormal(new Shape(6, (long) c * 12 * 10));
                float[][] out = new float[2][];
                float[][] grad = new float[2][];
                for (int layout = 0; layout < 2; layout++) {
                    Block grid = Blocks.toGrid(c, 12, 10, layout == 1);
                    grid.initialize(manager, DataType.FLOAT32, new Shape(1, (long) c * 12 * 10));
                    NDArray x = rows.duplicate();
                    x.setRequiresGradient(true);
                    try (var collector = manager.getEngine().newGradientCollector()) {
                        NDArray y = apply(body, manager, apply(grid, manager, x, true), true);
                        collector.backward(y.square().sum());
                        out[layout] = y.toFloatArray();
                    }
                    grad[layout] = x.getGradient().toFloatArray();
                }
                assertThat(out[1]).as("features, C = %d", c).containsExactly(out[0], org.assertj.core.data.Offset.offset(1e-4f));
                assertThat(grad[1]).as("input gradient, C = %d", c).containsExactly(grad[0], org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }
}
