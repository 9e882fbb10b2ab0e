package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adam with PyTorch's semantics (bias correction, L2 weight decay), and clipping by a group's norm. */
class AdamTest {
    private static Parameter parameter(NDManager manager, float... values) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        p.setArray(manager.create(values));
        p.getArray().setRequiresGradient(true);
        return p;
    }

    /** Gives {@code p} the gradient {@code g} through a backward pass of {@code loss = Σ g_i·w_i}. */
    private static void setGradient(Parameter p, float... g) {
        NDArray w = p.getArray();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(w.mul(w.getManager().create(g)).sum());
        }
    }

    @Test
    void threeStepsMatchPyTorchsAdamComputedByHand() {
        float lr = 0.01f;
        float b1 = 0.5f;
        float b2 = 0.999f;
        float eps = 1e-3f;
        float wd = 0.1f;
        float[][] grads = {{0.3f, -2f}, {0.1f, 0.5f}, {-0.4f, 1f}};
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer adam = new Optimizer(manager, new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0, wd, b1, b2, eps, 0))) {
            Parameter p = parameter(manager, 1f, -0.5f);
            double[] w = {1, -0.5};
            double[] m = new double[2];
            double[] v = new double[2];
            for (int t = 1; t <= 3; t++) {
                setGradient(p, grads[t - 1]);
                adam.update(p, lr);
                for (int i = 0; i < 2; i++) { // torch.optim.Adam, written out
                    double d = grads[t - 1][i] + wd * w[i];
                    m[i] = b1 * m[i] + (1 - b1) * d;
                    v[i] = b2 * v[i] + (1 - b2) * d * d;
                    double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                    w[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
                }
                float[] got = p.getArray().toFloatArray();
                assertThat((double) got[0]).as("step %d", t).isCloseTo(w[0], within(1e-6));
                assertThat((double) got[1]).as("step %d", t).isCloseTo(w[1], within(1e-6));
                assertThat(adam.gradient(p).toFloatArray()).as("gradient cleared").containsOnly(0f);
            }
            Map<String, float[]> state = adam.exportState(p);
            assertThat(state).containsKeys("#m", "#v", "#t");
            assertThat(state.get("#t")).containsExactly(3f);
        }
    }

    @Test
    void clippingScalesAGroupToItsMaximumNorm() {
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer sgd = new Optimizer(manager, new OptimizerSpec(OptimizerSpec.Kind.SGD, 0, 0, 0.9f, 0.999f,
                     1e-8f, 5f))) {
            Parameter a = parameter(manager, 0f, 0f);
            Parameter b = parameter(manager, 0f);
            setGradient(a, 3f, 4f);
            setGradient(b, 12f); // global norm 13 -> scaled by 5/13
            sgd.clip(List.of(a, b));
            assertThat(sgd.gradient(a).toFloatArray()[0]).isCloseTo(15f / 13, within(1e-5f));
            assertThat(sgd.gradient(b).toFloatArray()[0]).isCloseTo(60f / 13, within(1e-5f));
            Optimizer.zeroGradient(a);
            Optimizer.zeroGradient(b);
            setGradient(a, 1f, 1f);
            setGradient(b, 1f); // norm √3 < 5: unchanged
            sgd.clip(List.of(a, b));
            assertThat(sgd.gradient(a).toFloatArray()).containsExactly(1f, 1f);
        }
    }
}
