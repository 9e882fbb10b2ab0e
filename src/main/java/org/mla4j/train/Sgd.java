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
 *   b = μ·b + d            (b starts at 0, so the first step uses b = d)
 *   w = w − lr·b
 * </pre>
 *
 * A parameter that is not passed to {@link #update} does not move at all: no momentum echo, no
 * weight decay. Parameters that do not require gradients (batch norm running mean and variance,
 * which the forward pass updates itself) are never touched. That is what MLA needs and why DJL's
 * {@code Trainer.step()} (which updates every parameter) is not used.
 *
 * <p>Speed: each update is one fused engine call ({@code sgdUpdate}, which keeps the velocity
 * {@code v = lr·b} and computes {@code v = μ·v + lr·d; w −= v}) plus one call that clears the
 * accumulated gradient; gradient handles are fetched once per parameter and reused (they alias the
 * engine's gradient tensor, which backward accumulates into in place). When the learning rate
 * changes, v is rescaled by {@code lr_new / lr_old}, so the update stays PyTorch's exactly.
 */
public final class Sgd implements AutoCloseable {
    private final NDManager stateManager;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, State> states = new HashMap<>();

    /** Per-parameter state: the cached gradient handle, the velocity and the lr it is scaled by. */
    private static final class State {
        PtNDArray gradient;
        PtNDArray velocity;
        float scale;
    }

    public Sgd(NDManager parent, float momentum, float weightDecay) {
        this.stateManager = parent.newSubManager();
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** The parameter's accumulated gradient (a cached handle owned by the optimiser; do not close it). */
    public NDArray gradient(Parameter parameter) {
        return state(parameter).gradient;
    }

    /** Updates {@code parameter} with its own accumulated gradient, then clears that gradient. */
    public void update(Parameter parameter, float lr) {
        if (!parameter.requiresGradient()) {
            return; // e.g. batch-norm running statistics: updated by the forward pass, not by SGD
        }
        update(parameter, state(parameter).gradient, lr);
    }

    /**
     * Updates {@code parameter} with {@code gradient} (which may be a modified copy of the accumulated
     * gradient), then clears the accumulated gradient.
     */
    public void update(Parameter parameter, NDArray gradient, float lr) {
        State s = state(parameter);
        PtNDArray w = (PtNDArray) parameter.getArray();
        if (s.velocity == null) {
            s.velocity = (PtNDArray) stateManager.zeros(w.getShape(), w.getDataType());
            s.scale = lr;
        } else if (s.scale != lr) {
            s.velocity.muli(lr / s.scale);
            s.scale = lr;
        }
        JniUtils.sgdUpdate(w, (PtNDArray) gradient, s.velocity, lr, weightDecay, 1f, -1f, momentum);
        JniUtils.zeroGrad(w);
    }

    private State state(Parameter parameter) {
        State s = states.get(parameter.getId());
        if (s == null) {
            s = new State();
            states.put(parameter.getId(), s);
        }
        if (s.gradient == null) {
            NDArray handle = parameter.getArray().getGradient();
            handle.attach(stateManager);
            s.gradient = (PtNDArray) handle;
        }
        return s;
    }

    /**
     * Lends the cached gradient handles to a step's manager, so arrays computed from them during the
     * step (e.g. HGM's projected gradient) land there and die with the step rather than pile up in the
     * optimiser's manager. They return to the optimiser when the step's manager closes.
     */
    public void lendGradients(NDManager stepManager) {
        for (State s : states.values()) {
            if (s.gradient != null) {
                stepManager.tempAttachAll(s.gradient);
            }
        }
    }

    /** Clears a parameter's accumulated gradient (PyTorch accumulates across backward calls). */
    public static void zeroGradient(Parameter parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter.getArray());
    }

    /**
     * The momentum buffer of a parameter in PyTorch's units (b), or null before its first update; a
     * new array in {@code manager} (for checkpoints).
     */
    public NDArray momentumBuffer(Parameter parameter, NDManager manager) {
        State s = states.get(parameter.getId());
        if (s == null || s.velocity == null) {
            return null;
        }
        NDArray b = s.velocity.div(s.scale);
        b.attach(manager);
        return b;
    }

    /** The raw velocity {@code v = lr·b} and its lr, for bit-exact checkpoints; null before the first update. */
    public float[] velocity(Parameter parameter) {
        State s = states.get(parameter.getId());
        return s == null || s.velocity == null ? null : s.velocity.toFloatArray();
    }

    public float velocityScale(Parameter parameter) {
        State s = states.get(parameter.getId());
        return s == null ? Float.NaN : s.scale;
    }

    /** Restores a velocity saved by {@link #velocity} with its lr scale. */
    public void setVelocity(Parameter parameter, float[] velocity, float scale) {
        State s = states.computeIfAbsent(parameter.getId(), k -> new State());
        if (s.velocity != null) {
            s.velocity.close();
        }
        s.velocity = (PtNDArray) stateManager.create(velocity, parameter.getArray().getShape());
        s.scale = scale;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
