package org.mla4j.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with L2 weight decay, PyTorch's {@code torch.optim.Adam} (not AdamW):
 *
 * <pre>
 *   d = g + wd·w
 *   m = β1·m + (1 − β1)·d,      v = β2·v + (1 − β2)·d²
 *   w = w − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)       (t = this parameter's step count)
 * </pre>
 *
 * Each step computes {@code w −= a·m / (√v + e)}, which is the line above with
 * {@code a = lr·√(1 − β2^t)/(1 − β1^t)} and {@code e = ε·√(1 − β2^t)}, as one Java loop over the
 * tensors' memory ({@link EngineMemory}) that also clears the gradient; the engine's fused Adam
 * (several passes and temporaries) only where a tensor has no such view.
 * Checkpoints hold m, v and t under {@code name#m}, {@code name#v} and {@code name#t}.
 */
final class AdamRule implements UpdateRule {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;

    AdamRule(float beta1, float beta2, float epsilon, float weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    private static final class Moments implements Slot {
        PtNDArray mean;
        PtNDArray variance;
        long steps;
    }

    private record Prepared(PtNDArray mean, PtNDArray variance, float stepSize, float epsilon) {
    }

    @Override
    public Slot newSlot() {
        return new Moments();
    }

    @Override
    public Object prepare(Slot slot, PtNDArray w, float lr, NDManager stateManager) {
        Moments s = (Moments) slot;
        if (s.mean == null) {
            s.mean = (PtNDArray) stateManager.zeros(w.getShape(), w.getDataType());
            s.variance = (PtNDArray) stateManager.zeros(w.getShape(), w.getDataType());
        }
        s.steps++;
        double c1 = 1 - Math.pow(beta1, s.steps);
        double c2 = Math.sqrt(1 - Math.pow(beta2, s.steps));
        return new Prepared(s.mean, s.variance, (float) (lr * c2 / c1), (float) (epsilon * c2));
    }

    @Override
    public List<PtNDArray> arrays(Slot slot) {
        Moments s = (Moments) slot;
        return List.of(s.mean, s.variance);
    }

    @Override
    public Object forGroup(List<Object> prepared, List<PtNDArray> flatArrays) {
        Prepared first = (Prepared) prepared.get(0);
        for (Object o : prepared) {
            Prepared p = (Prepared) o;
            if (p.stepSize() != first.stepSize() || p.epsilon() != first.epsilon()) {
                return null; // step counts differ: bias corrections differ
            }
        }
        return new Prepared(flatArrays.get(0), flatArrays.get(1), first.stepSize(), first.epsilon());
    }

    @Override
    public boolean step(PtNDArray w, PtNDArray gradient, Object prepared, boolean clearGradient,
                        float gradientScale) {
        Prepared p = (Prepared) prepared;
        if (stepInJava(w, gradient, p.mean(), p.variance(), beta1, beta2, weightDecay, p.stepSize(), p.epsilon(),
                gradientScale, clearGradient)) {
            return clearGradient;
        }
        if (gradientScale != 1f) {
            Optimizer.scale(gradient, gradientScale);
        }
        JniUtils.adamUpdate(w, gradient, p.mean(), p.variance(), 0f, p.stepSize(), weightDecay, 1f, -1f, beta1, beta2,
                p.epsilon(), false);
        return false;
    }

    /**
     * The step below on the four arrays' own memory; false, with nothing changed, where one of them has
     * no direct view ({@link EngineMemory}) or their sizes differ: the caller then uses the engine.
     */
    static boolean stepInJava(PtNDArray w, PtNDArray gradient, PtNDArray mean, PtNDArray variance, float beta1,
                              float beta2, float wd, float stepSize, float eps, float scale, boolean clear) {
        FloatBuffer weights = EngineMemory.alias(w);
        FloatBuffer gradients = EngineMemory.alias(gradient);
        FloatBuffer means = EngineMemory.alias(mean);
        FloatBuffer variances = EngineMemory.alias(variance);
        if (weights == null || gradients == null || means == null || variances == null
                || gradients.capacity() != weights.capacity() || means.capacity() != weights.capacity()
                || variances.capacity() != weights.capacity()) {
            return false;
        }
        step(weights, gradients, means, variances, beta1, beta2, wd, stepSize, eps, scale, clear);
        return true;
    }

    /**
     * The update as one pass over the memory (see the class comment for the formula), in float32
     * arithmetic in a fixed order, so its bits are the same on every machine; clears the gradient
     * as it goes where asked. The gradient is scaled first ({@code g·scale} rounded to float32, as a
     * separate clipping pass would leave it).
     */
    private static void step(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, float beta1, float beta2, float wd,
                     float stepSize, float eps, float scale, boolean clear) {
        float keep1 = beta1;
        float keep2 = beta2;
        float new1 = 1f - beta1;
        float new2 = 1f - beta2;
        int n = w.capacity();
        for (int i = 0; i < n; i++) {
            float wi = w.get(i);
            float gi = scale == 1f ? g.get(i) : g.get(i) * scale;
            float d = wd == 0f ? gi : gi + wd * wi;
            float mi = keep1 * m.get(i) + new1 * d;
            float vi = keep2 * v.get(i) + new2 * d * d;
            m.put(i, mi);
            v.put(i, vi);
            w.put(i, wi - stepSize * mi / ((float) Math.sqrt(vi) + eps));
            if (clear) {
                g.put(i, 0f);
            }
        }
    }

    @Override
    public Map<String, float[]> export(Slot slot) {
        Moments s = (Moments) slot;
        Map<String, float[]> m = new LinkedHashMap<>();
        if (s.mean != null) {
            m.put("#m", s.mean.toFloatArray());
            m.put("#v", s.variance.toFloatArray());
            m.put("#t", new float[] {s.steps});
        }
        return m;
    }

    @Override
    public void restore(Slot slot, Map<String, float[]> state, PtNDArray w, NDManager stateManager) {
        float[] mean = state.get("#m");
        if (mean == null) {
            return;
        }
        float[] variance = state.get("#v");
        float[] t = state.get("#t");
        if (variance == null || t == null || t.length != 1) {
            throw new IllegalArgumentException("lacks its second moment or step count");
        }
        Moments s = (Moments) slot;
        s.mean = (PtNDArray) stateManager.create(mean, w.getShape());
        s.variance = (PtNDArray) stateManager.create(variance, w.getShape());
        s.steps = (long) t[0];
    }
}
