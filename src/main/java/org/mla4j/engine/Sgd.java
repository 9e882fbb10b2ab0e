package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mla4j.train.Trainer;

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
 *
 * <p>{@link #updateInBackground} runs a group's updates on a second thread, so that on a machine
 * with a spare core they overlap the training thread's next forward and backward pass (MLA: one
 * encoder updates while the other encoder's turn runs). It can also run the work that produces
 * those gradients first (MLA: the encoder's part of the backward pass). The arithmetic and its
 * order per parameter are the same, so the result is bit for bit that of the in-place path.
 */
public final class Sgd implements AutoCloseable {
    private final NDManager stateManager;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, State> states = new HashMap<>();
    /**
     * Whether {@link #updateInBackground} may use a second thread: on by default where there is a
     * second core; {@code -Dmla4j.background_updates=false} runs those updates in place.
     */
    static final boolean BACKGROUND = Runtime.getRuntime().availableProcessors() > 1
            && !"false".equalsIgnoreCase(System.getProperty("mla4j.background_updates", "true").trim());
    /** Background updates not yet known to be finished, by the key they were submitted under. */
    private final Map<Object, Future<?>> pending = new HashMap<>();
    private ExecutorService background;

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
        prepareVelocity(s, w, lr);
        step(w, (PtNDArray) gradient, s.velocity, lr);
    }

    /**
     * Updates each parameter with its own accumulated gradient, as {@link #update(Parameter, float)}
     * does, on a background thread, and returns at once. Until {@link #await}{@code (key)} or
     * {@link #awaitAll()} returns, the caller must not use these parameters (no forward pass) nor
     * their gradients (no backward pass through them).
     */
    public void updateInBackground(Object key, List<Parameter> parameters, float lr) {
        updateInBackground(key, () -> { }, parameters, lr);
    }

    /**
     * Runs {@code gradients} (engine work that accumulates these parameters' gradients, such as the
     * rest of a backward pass), then updates the parameters as {@link #updateInBackground(Object,
     * List, float)} does, all on the background thread. The task must not create engine arrays it
     * leaves behind: it owns and closes whatever it was handed. Without a background thread both run
     * here, now.
     */
    public void updateInBackground(Object key, Runnable gradients, List<Parameter> parameters, float lr) {
        await(key);
        if (!BACKGROUND) {
            gradients.run();
            for (Parameter parameter : parameters) {
                update(parameter, lr);
            }
            return;
        }
        // before a parameter's first backward the engine has no gradient to hand out a handle for:
        // that one time the gradients are computed here, and only the updates go to the background
        boolean firstTime = !gradientsCached(parameters);
        if (firstTime) {
            gradients.run();
        }
        Runnable produceGradients = firstTime ? () -> { } : gradients;
        List<PtNDArray[]> work = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            State s = state(parameter);
            PtNDArray w = (PtNDArray) parameter.getArray();
            prepareVelocity(s, w, lr); // engine arrays are created on this thread, never on the background one
            work.add(new PtNDArray[] {w, s.gradient, s.velocity});
        }
        pending.put(key, background().submit(() -> {
            produceGradients.run();
            for (PtNDArray[] a : work) {
                step(a[0], a[1], a[2], lr);
            }
        }));
    }

    private boolean gradientsCached(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            State s = states.get(parameter.getId());
            if (parameter.requiresGradient() && (s == null || s.gradient == null)) {
                return false;
            }
        }
        return true;
    }

    /** Waits for the background updates submitted under {@code key}, rethrowing their failure. */
    public void await(Object key) {
        Future<?> f = pending.remove(key);
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parameter update", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Waits for every background update; afterwards the whole model may be read. */
    public void awaitAll() {
        for (Object key : new ArrayList<>(pending.keySet())) {
            await(key);
        }
    }

    private void prepareVelocity(State s, PtNDArray w, float lr) {
        if (s.velocity == null) {
            s.velocity = (PtNDArray) stateManager.zeros(w.getShape(), w.getDataType());
            s.scale = lr;
        } else if (s.scale != lr) {
            s.velocity.muli(lr / s.scale);
            s.scale = lr;
        }
    }

    private void step(PtNDArray w, PtNDArray gradient, PtNDArray velocity, float lr) {
        JniUtils.sgdUpdate(w, gradient, velocity, lr, weightDecay, 1f, -1f, momentum);
        JniUtils.zeroGrad(w);
    }

    /**
     * The update thread, started on first use. PyTorch keeps the intra-op thread count and MXCSR's
     * flush-to-zero mode per OS thread, so the new thread copies both from the training thread.
     */
    private ExecutorService background() {
        if (background == null) {
            int threads = JniUtils.getNumThreads();
            boolean flush = FlushToZero.onForThisThread();
            background = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(() -> {
                    JniUtils.setNumThreads(threads);
                    FlushToZero.enable(flush); // stays on: this thread runs engine updates only
                    r.run();
                }, "mla4j-sgd");
                t.setDaemon(true);
                return t;
            });
        }
        return background;
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
        try {
            awaitAll();
        } finally {
            if (background != null) {
                background.shutdownNow();
            }
            stateManager.close();
        }
    }
}
