package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The optimiser follows PyTorch's SGD (momentum, weight decay) step by step, across an lr change. */
class OptimizerTest {

    @Test
    void matchesPytorchFormulaAcrossLearningRateChange() {
        float mu = 0.9f;
        float wd = 0.01f;
        float[] lrs = {0.1f, 0.1f, 0.01f, 0.01f};
        try (NDManager manager = NDManager.newBaseManager(); Optimizer sgd = new Optimizer(manager, mu, wd)) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(manager.create(new float[] {1f, -2f}));
            p.getArray().setRequiresGradient(true);
            double[] w = {1, -2};
            double[] b = {0, 0};
            for (int t = 0; t < lrs.length; t++) {
                // loss = Σ (t+1)·w_i² → gradient 2(t+1)·w
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray loss = p.getArray().mul(p.getArray()).sum().mul(t + 1);
                    gc.backward(loss);
                }
                for (int i = 0; i < 2; i++) {
                    double d = 2 * (t + 1) * w[i] + wd * w[i];
                    b[i] = mu * b[i] + d;
                    w[i] -= lrs[t] * b[i];
                }
                sgd.update(p, lrs[t]);
                float[] actual = p.getArray().toFloatArray();
                assertThat((double) actual[0]).as("step %d", t).isCloseTo(w[0], within(1e-5));
                assertThat((double) actual[1]).as("step %d", t).isCloseTo(w[1], within(1e-5));
                assertThat(sgd.gradient(p).toFloatArray()).as("gradient cleared").containsOnly(0f);
            }
            float[] buffer = sgd.momentumBuffer(p);
            assertThat((double) buffer[0]).isCloseTo(b[0], within(1e-4));
        }
    }

    @Test
    void parameterWithoutGradientIsLeftAlone() {
        try (NDManager manager = NDManager.newBaseManager(); Optimizer sgd = new Optimizer(manager, 0.9f, 0.1f)) {
            Parameter p = Parameter.builder().setName("running_mean").setType(Parameter.Type.RUNNING_MEAN)
                    .optRequiresGrad(false).build();
            p.setArray(manager.create(new float[] {3f, 4f}));
            sgd.update(p, 0.5f);
            assertThat(p.getArray().toFloatArray()).containsExactly(3f, 4f);
        }
    }
    @Test
    void backgroundUpdatesGiveTheSameBitsAsInPlaceOnes() {
        float[] lrs = {0.1f, 0.1f, 0.01f};
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer inPlace = new Optimizer(manager, 0.9f, 0.01f);
             Optimizer background = new Optimizer(manager, 0.9f, 0.01f)) {
            Parameter a = parameter(manager, "a");
            Parameter b = parameter(manager, "b");
            for (int t = 0; t < lrs.length; t++) {
                for (Parameter p : new Parameter[] {a, b}) {
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        gc.backward(p.getArray().mul(p.getArray()).sum().mul(t + 1));
                    }
                }
                inPlace.update(a, lrs[t]);
                background.updateInBackground("group", java.util.List.of(b), lrs[t]);
                background.await("group");
                assertThat(b.getArray().toFloatArray()).as("step %d", t).containsExactly(a.getArray().toFloatArray());
                assertThat(background.gradient(b).toFloatArray()).as("gradient cleared").containsOnly(0f);
            }
        }
    }

    private static Parameter parameter(NDManager manager, String name) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        float[] values = new float[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) * 3;
        }
        p.setArray(manager.create(values));
        p.getArray().setRequiresGradient(true);
        return p;
    }
}
