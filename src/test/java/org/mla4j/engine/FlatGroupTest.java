package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A group updated as a whole is laid flat ({@link FlatGroup}) and then stepped in one engine call: the
 * parameters keep their values, backward still lands in their gradients, and every step gives the bits
 * of the same updates made one parameter at a time.
 */
class FlatGroupTest {
    private static final float[] LRS = {0.1f, 0.1f, 0.05f, 0.05f, 0.01f};

    @Test
    void sgdGroupStepsGiveThePerParameterBits() {
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer perParameter = new Optimizer(manager, OptimizerSpec.sgd(0.9f, 1e-4f));
             Optimizer grouped = new Optimizer(manager, OptimizerSpec.sgd(0.9f, 1e-4f))) {
            List<Parameter> a = layers(manager, "a");
            List<Parameter> b = layers(manager, "b");
            register(grouped, b);
            for (int t = 0; t < LRS.length; t++) {
                backward(manager, a, t);
                backward(manager, b, t);
                for (Parameter p : a) {
                    perParameter.update(p, LRS[t]);
                }
                grouped.update(b, LRS[t]);
                assertThat(grouped.isFlat(b)).as("laid flat").isTrue();
                assertSameBits(a, b, "step " + t);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(grouped.momentumBuffer(b.get(i))).as("momentum of %d at step %d", i, t)
                            .containsExactly(perParameter.momentumBuffer(a.get(i)));
                    assertThat(grouped.gradient(b.get(i)).toFloatArray()).as("gradient cleared").containsOnly(0f);
                }
            }
        }
    }

    @Test
    void adamGroupStepsMatchThePerParameterSteps() {
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer perParameter = new Optimizer(manager, new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0f, 1e-4f, 0.5f, 0.999f, 1e-8f, 0.05f));
             Optimizer grouped = new Optimizer(manager, new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0f, 1e-4f, 0.5f, 0.999f, 1e-8f, 0.05f));
             Optimizer fused = new Optimizer(manager, new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0f, 1e-4f, 0.5f, 0.999f, 1e-8f, 0.05f))) {
            List<Parameter> a = layers(manager, "a");
            List<Parameter> b = layers(manager, "b");
            List<Parameter> c = layers(manager, "c");
            register(grouped, b);
            register(fused, c);
            for (int t = 0; t < LRS.length; t++) {
                backward(manager, a, t);
                backward(manager, b, t);
                backward(manager, c, t);
                perParameter.clip(a);
                for (Parameter p : a) {
                    perParameter.update(p, LRS[t]);
                }
                grouped.clip(b);
                grouped.update(b, LRS[t]);
                fused.clipAndUpdate(c, LRS[t]); // the clipping factor inside the update's pass
                assertThat(grouped.isFlat(b)).as("laid flat").isTrue();
                assertSameBits(a, b, "step " + t);
                assertSameBits(a, c, "step " + t + ", clipped inside the update");
                for (Parameter p : c) {
                    assertThat(fused.gradient(p).toFloatArray()).as("gradient cleared").containsOnly(0f);
                }
            }
            for (int i = 0; i < a.size(); i++) {
                Map<String, float[]> expected = perParameter.exportState(a.get(i));
                Map<String, float[]> actual = grouped.exportState(b.get(i));
                assertThat(actual.keySet()).isEqualTo(expected.keySet());
                for (String key : expected.keySet()) {
                    assertThat(actual.get(key)).as("state %s of %d", key, i).containsExactly(expected.get(key));
                }
            }
        }
    }

    @Test
    void restoredStateIsStillSteppedRight() {
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer perParameter = new Optimizer(manager, OptimizerSpec.sgd(0.9f, 0f));
             Optimizer grouped = new Optimizer(manager, OptimizerSpec.sgd(0.9f, 0f))) {
            List<Parameter> a = layers(manager, "a");
            List<Parameter> b = layers(manager, "b");
            register(grouped, b);
            for (int t = 0; t < LRS.length; t++) {
                backward(manager, a, t);
                backward(manager, b, t);
                for (Parameter p : a) {
                    perParameter.update(p, LRS[t]);
                }
                grouped.update(b, LRS[t]);
                assertSameBits(a, b, "step " + t);
                if (t == 2) { // a changed state restored into both: the flat group's next steps must use it
                    for (int i = 0; i < a.size(); i++) {
                        Map<String, float[]> state = perParameter.exportState(a.get(i));
                        float[] velocity = state.get("");
                        for (int j = 0; j < velocity.length; j++) {
                            velocity[j] *= 0.5f;
                        }
                        perParameter.restoreState(a.get(i), state);
                        grouped.restoreState(b.get(i), state);
                    }
                }
            }
        }
    }

    @Test
    void parametersKeepTheirValuesAndGradientsWhenLaidFlat() {
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer sgd = new Optimizer(manager, OptimizerSpec.sgd(0f, 0f))) {
            List<Parameter> group = layers(manager, "g");
            register(sgd, group);
            List<float[]> before = new ArrayList<>();
            for (Parameter p : group) {
                before.add(p.getArray().toFloatArray());
            }
            backward(manager, group, 0);
            sgd.update(group, 0f); // lr 0: lays the group flat, moves nothing
            assertThat(sgd.isFlat(group)).isTrue();
            for (int i = 0; i < group.size(); i++) {
                assertThat(group.get(i).getArray().toFloatArray()).containsExactly(before.get(i));
            }
            // a backward pass after the packing lands in each parameter's gradient: d/dw Σ w² = 2w
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = null;
                for (Parameter p : group) {
                    NDArray s = p.getArray().square().sum();
                    loss = loss == null ? s : loss.add(s);
                }
                gc.backward(loss);
            }
            for (int i = 0; i < group.size(); i++) {
                float[] w = before.get(i);
                float[] g = sgd.gradient(group.get(i)).toFloatArray();
                for (int j = 0; j < w.length; j++) {
                    assertThat(g[j]).isEqualTo(2 * w[j]);
                }
            }
        }
    }

    @Test
    void unregisteredParametersStepOneByOne() {
        // their managers are unknown, so a flat copy would have no safe lifetime: they are never laid flat
        try (NDManager manager = NDManager.newBaseManager();
             Optimizer sgd = new Optimizer(manager, OptimizerSpec.sgd(0.9f, 0f))) {
            List<Parameter> group = layers(manager, "u");
            backward(manager, group, 0);
            sgd.update(group, 0.1f);
            assertThat(sgd.isFlat(group)).isFalse();
        }
    }

    /** A weight matrix, a bias of odd length and a second matrix: shapes whose boundaries fall mid-vector. */
    private static List<Parameter> layers(NDManager manager, String prefix) {
        long[][] shapes = {{7, 5}, {7}, {3, 7}};
        List<Parameter> list = new ArrayList<>();
        int seed = 1;
        for (long[] shape : shapes) {
            Parameter p = Parameter.builder().setName(prefix + list.size()).setType(Parameter.Type.WEIGHT).build();
            long n = new Shape(shape).size();
            float[] v = new float[(int) n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) Math.sin(seed++ * 0.7) * 0.5f;
            }
            p.setArray(manager.create(v, new Shape(shape)));
            p.getArray().setRequiresGradient(true);
            list.add(p);
        }
        return list;
    }

    /** loss = Σ_p (t+1)·Σ sin(w)·w: a gradient that differs per element and per step. */
    private static void backward(NDManager manager, List<Parameter> group, int t) {
        try (NDManager step = manager.newSubManager();
             GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray loss = null;
            for (Parameter p : group) {
                NDArray w = p.getArray();
                NDArray s = w.sin().mul(w).sum().mul(Scalars.of(step, t + 1));
                loss = loss == null ? s : loss.add(s);
            }
            gc.backward(loss);
        }
    }

    private static void register(Optimizer optimizer, List<Parameter> group) {
        optimizer.registerParameters(group.stream().map(Parameter::getArray).toArray(NDArray[]::new));
    }

    private static void assertSameBits(List<Parameter> expected, List<Parameter> actual, String when) {
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).getArray().toFloatArray()).as("parameter %d at %s", i, when)
                    .containsExactly(expected.get(i).getArray().toFloatArray());
        }
    }
}
