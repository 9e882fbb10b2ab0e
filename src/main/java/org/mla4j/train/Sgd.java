package org.mla4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.HashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum and weight decay, with PyTorch's semantics and
 * per-parameter state, applied only to the parameters a method names:
 *
 * <pre>
 *   d = g + wd·w           (g: the gradient after any method-specific change, e.g. HGM)
 *   b = d (first update),  b = μ·b + d (later)
 *   w = w − lr·b
 * </pre>
 *
 * A parameter that is not passed to {@link #update} does not move at all: no momentum echo, no
 * weight decay. That is what MLA needs and why DJL's {@code Trainer.step()} (which updates every
 * parameter) is not used. Callers run updates inside a manager that temporarily holds the
 * parameters, so the temporaries die with the step.
 */
public final class Sgd implements AutoCloseable {
    private final NDManager stateManager;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, NDArray> momentumBuffers = new HashMap<>();

    public Sgd(NDManager parent, float momentum, float weightDecay) {
        this.stateManager = parent.newSubManager();
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** Updates {@code parameter} with its own accumulated gradient, then clears that gradient. */
    public void update(Parameter parameter, float lr) {
        NDArray grad = parameter.getArray().getGradient();
        update(parameter, grad, lr);
    }

    /**
     * Updates {@code parameter} with {@code gradient} (which may be a modified copy of the accumulated
     * gradient), then clears the accumulated gradient.
     */
    public void update(Parameter parameter, NDArray gradient, float lr) {
        NDArray w = parameter.getArray();
        NDArray d = weightDecay != 0f ? gradient.add(w.mul(weightDecay)) : gradient;
        if (momentum != 0f) {
            NDArray buf = momentumBuffers.get(parameter.getId());
            if (buf == null) {
                buf = d.duplicate();
                buf.attach(stateManager);
                momentumBuffers.put(parameter.getId(), buf);
            } else {
                buf.muli(momentum).addi(d);
            }
            d = buf;
        }
        try (NDArray delta = d.mul(lr)) { // d may be the momentum buffer: its products land in the state manager
            w.subi(delta);
        }
        zeroGradient(parameter);
    }

    /** Clears a parameter's accumulated gradient (PyTorch accumulates across backward calls). */
    public static void zeroGradient(Parameter parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter.getArray());
    }

    /** The momentum buffer of a parameter, or null before its first update (for checkpoints). */
    public NDArray momentumBuffer(Parameter parameter) {
        return momentumBuffers.get(parameter.getId());
    }

    /** Replaces a parameter's momentum buffer (restoring a checkpoint). */
    public void setMomentumBuffer(Parameter parameter, NDArray buffer) {
        NDArray old = momentumBuffers.put(parameter.getId(), buffer);
        buffer.attach(stateManager);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
