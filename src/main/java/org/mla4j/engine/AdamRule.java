package org.mla4j.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
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
 * One fused engine call per step: the engine's Adam computes {@code w −= a·m / (√v + e)}, which is
 * the line above with {@code a = lr·√(1 − β2^t)/(1 − β1^t)} and {@code e = ε·√(1 − β2^t)}.
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
    public void step(PtNDArray w, PtNDArray gradient, Object prepared) {
        Prepared p = (Prepared) prepared;
        JniUtils.adamUpdate(w, gradient, p.mean(), p.variance(), 0f, p.stepSize(), weightDecay, 1f, -1f, beta1, beta2,
                p.epsilon(), false);
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
