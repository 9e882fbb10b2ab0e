package org.mla4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dropout with a JVM-drawn mask: PyTorch's inverted-dropout semantics, reproducible from the engine's seed. */
class HostDropoutTest {
    @Test
    void keepsEachValueScaledWithProbabilityOneMinusTheRate() {
        FloatBuffer mask = FloatBuffer.allocate(200_001); // odd: the last value has a draw of its own
        HostDropout.fill(mask, 0.3f, 42);
        int kept = 0;
        for (int i = 0; i < mask.capacity(); i++) {
            float v = mask.get(i);
            assertThat(v).isIn(0f, 1 / 0.7f);
            kept += v == 0 ? 0 : 1;
        }
        // binomial: std of the kept share sqrt(0.7 · 0.3 / 200001) ≈ 0.001
        assertThat(kept / (double) mask.capacity()).isCloseTo(0.7, within(0.005));
        FloatBuffer again = FloatBuffer.allocate(200_001);
        HostDropout.fill(again, 0.3f, 42);
        assertThat(again.array()).containsExactly(mask.array());
        HostDropout.fill(again, 0.3f, 43);
        assertThat(again.array()).isNotEqualTo(mask.array());
        HostDropout.fill(again, 0.5f, 7);
        for (float v : again.array()) {
            assertThat(v).isIn(0f, 2f);
        }
    }

    @Test
    void trainingMasksFollowTheEngineSeedAndEvaluationIsTheIdentity() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(1f, 2f, new Shape(64, 33));
            assertThat(HostDropout.apply(x, 0.5f, false)).isSameAs(x);
            Engine.getEngine("PyTorch").setRandomSeed(11);
            float[] first = HostDropout.apply(x, 0.5f, true).toFloatArray();
            float[] second = HostDropout.apply(x, 0.5f, true).toFloatArray();
            Engine.getEngine("PyTorch").setRandomSeed(11);
            assertThat(HostDropout.apply(x, 0.5f, true).toFloatArray()).containsExactly(first);
            assertThat(second).isNotEqualTo(first);
            float[] in = x.toFloatArray();
            int dropped = 0;
            for (int i = 0; i < in.length; i++) {
                assertThat(first[i]).isIn(0f, in[i] * 2f);
                dropped += first[i] == 0 ? 1 : 0;
            }
            assertThat(dropped).isBetween(in.length / 2 - 150, in.length / 2 + 150); // 2112 values, std ≈ 23
        }
    }

    @Test
    void theGradientIsTheMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(1f, 2f, new Shape(8, 5));
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                y = HostDropout.apply(x, 0.25f, true);
                collector.backward(y.sum());
            }
            float[] out = y.toFloatArray();
            float[] in = x.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < in.length; i++) {
                assertThat(grad[i]).isIn(0f, 1 / 0.75f);
                assertThat(out[i]).isCloseTo(in[i] * grad[i], within(1e-6f));
            }
        }
    }

    @Test
    void anFcNetsParametersKeepTheNamesSavedModelsHave() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = FcNet.builder(3).hidden(4, 4).dropout(0.5f).build(6, manager);
            List<String> names = net.getParameters().keys();
            assertThat(names).containsExactly("01Linear_weight", "01Linear_bias", "04Linear_weight", "04Linear_bias",
                    "07Linear_weight", "07Linear_bias");
        }
    }

    @Test
    void rejectsARateOutsideZeroToOne() {
        assertThatThrownBy(() -> new HostDropout(1f)).hasMessage("dropout rate must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new HostDropout(Float.NaN)).hasMessageContaining("got NaN");
    }
}
