package org.mla4j.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum and weight decay, PyTorch's {@code torch.optim.SGD}:
 *
 * <pre>
 *   d = g + wd·w           (g: the gradient after any method-specific change, e.g. HGM)
 *   b = μ·b + d            (b starts at 0, so the first step uses b = d)
 *   w = w − lr·b
 * </pre>
 *
 * One fused engine call ({@code sgdUpdate}) keeps the velocity {@code v = lr·b} and computes
 * {@code v = μ·v + lr·d; w −= v}; when the learning rate changes, v is rescaled by
 * {@code lr_new / lr_old}, so the update stays PyTorch's exactly. Checkpoints hold v under the
 * parameter's name and the lr it is scaled by under {@code name#lr}.
 */
final class SgdRule implements UpdateRule {
    private final float momentum;
    private final float weightDecay;

    SgdRule(float momentum, float weightDecay) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    private static final class Velocity implements Slot {
        PtNDArray velocity;
        float scale;
    }

    private record Prepared(PtNDArray velocity, float lr) {
    }

    @Override
    public Slot newSlot() {
        return new Velocity();
    }

    @Override
    public Object prepare(Slot slot, PtNDArray w, float lr, NDManager stateManager) {
        Velocity s = (Velocity) slot;
        if (s.velocity == null) {
            s.velocity = (PtNDArray) stateManager.zeros(w.getShape(), w.getDataType());
            s.scale = lr;
        } else if (s.scale != lr) {
            s.velocity.muli(lr / s.scale); // in place, outside any graph
            s.scale = lr;
        }
        return new Prepared(s.velocity, lr);
    }

    @Override
    public List<PtNDArray> arrays(Slot slot) {
        return List.of(((Velocity) slot).velocity);
    }

    @Override
    public Object forGroup(List<Object> prepared, List<PtNDArray> flatArrays) {
        float lr = ((Prepared) prepared.get(0)).lr();
        for (Object p : prepared) {
            if (((Prepared) p).lr() != lr) {
                return null;
            }
        }
        return new Prepared(flatArrays.get(0), lr);
    }

    @Override
    public boolean step(PtNDArray w, PtNDArray gradient, Object prepared, boolean clearGradient,
                        float gradientScale) {
        Prepared p = (Prepared) prepared;
        if (gradientScale != 1f) {
            Optimizer.scale(gradient, gradientScale);
        }
        JniUtils.sgdUpdate(w, gradient, p.velocity(), p.lr(), weightDecay, 1f, -1f, momentum);
        return false;
    }

    @Override
    public Map<String, float[]> export(Slot slot) {
        Velocity s = (Velocity) slot;
        Map<String, float[]> m = new LinkedHashMap<>();
        if (s.velocity != null) {
            m.put("", s.velocity.toFloatArray());
            m.put("#lr", new float[] {s.scale});
        }
        return m;
    }

    @Override
    public void restore(Slot slot, Map<String, float[]> state, PtNDArray w, NDManager stateManager) {
        float[] v = state.get("");
        float[] scale = state.get("#lr");
        if (v == null) {
            return; // never updated before the checkpoint
        }
        if (scale == null || scale.length != 1) {
            throw new IllegalArgumentException("lacks its learning-rate scale");
        }
        Velocity s = (Velocity) slot;
        if (s.velocity != null) {
            s.velocity.close();
        }
        s.velocity = (PtNDArray) stateManager.create(v, w.getShape());
        s.scale = scale[0];
    }

    /** The momentum buffer b = v / lr in PyTorch's units, or null before the first step (tests). */
    static float[] momentumBuffer(Slot slot) {
        Velocity s = (Velocity) slot;
        if (s.velocity == null) {
            return null;
        }
        float[] v = s.velocity.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] /= s.scale;
        }
        return v;
    }
}
