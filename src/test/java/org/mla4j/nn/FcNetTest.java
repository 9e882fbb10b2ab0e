package org.mla4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

/** The baselines' fully connected nets: shapes, and each initialisation's statistics. */
class FcNetTest {
    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x / (double) v.length;
        }
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }

    @Test
    void initialisationsHaveTheirCodeBasesSpread() {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block normal = FcNet.builder(10).hidden(400).init(FcNet.Init.NORMAL_002).build(300, manager);
            Block kaiming = FcNet.builder(10).hidden(400).init(FcNet.Init.KAIMING).build(300, manager);
            Block xavier = FcNet.builder(10).hidden(400).init(FcNet.Init.XAVIER).build(300, manager);
            Pair<String, Parameter> w = normal.getParameters().get(0);
            assertThat(w.getValue().getArray().getShape().getShape()).containsExactly(400, 300);
            assertThat(std(w.getValue().getArray().toFloatArray())).isCloseTo(0.02, within(0.001));
            assertThat(normal.getParameters().get(1).getValue().getArray().toFloatArray()).as("bias").containsOnly(0f);
            assertThat(std(kaiming.getParameters().get(0).getValue().getArray().toFloatArray()))
                    .isCloseTo(Math.sqrt(2.0 / 300), within(0.002));
            assertThat(std(xavier.getParameters().get(0).getValue().getArray().toFloatArray()))
                    .isCloseTo(Math.sqrt(2.0 / 700), within(0.002));
            Block withDropout = FcNet.builder(4).hidden(8, 8).dropout(0.5f).batchNorm().build(5, manager);
            assertThat(withDropout.getChildren().size()).as("3 × (linear, bn, relu, dropout) minus the last").isEqualTo(9);
        }
    }
}
