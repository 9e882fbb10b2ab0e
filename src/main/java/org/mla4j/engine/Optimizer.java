package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimiser of a run, per parameter and applied only to the parameters a method names: SGD or
 * Adam with PyTorch's semantics ({@link SgdRule}, {@link AdamRule}). A parameter that is not passed
 * to {@link #update} does not move at all: no momentum echo, no weight decay. Parameters that do not
 * require gradients (batch norm running mean and variance, which the forward pass updates itself) are
 * never touched. That is what MLA needs and why DJL's {@code Trainer.step()} (which updates every
 * parameter) is not used.
 *
 * <p>Speed: each update is one fused engine call plus one call that clears the accumulated gradient
 * (Adam: one Java loop over the tensors' memory that does both, {@link AdamRule});
 * gradient handles are fetched once per parameter and reused (they alias the engine's gradient
 * tensor, which backward accumulates into in place). A group updated as a whole ({@link
 * #update(List, float)}) is laid flat at its first update ({@link FlatGroup}): from then on those two
 * calls cover the whole group. {@code -Dmla4j.flat_updates=false} keeps every update per parameter.
 *
 * <p>{@link #updateInBackground} runs a group's updates on a second thread, so that on a machine
 * with a spare core they overlap the training thread's next forward and backward pass (MLA: one
 * encoder updates while the other encoder's turn runs). It can also run the work that produces
 * those gradients first (MLA: the encoder's part of the backward pass). The arithmetic and its
 * order per parameter are the same, so the result is bit for bit that of the in-place path.
 */
public final class Optimizer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Optimizer.class);
    private final NDManager stateManager;
    private final UpdateRule rule;
    private final float clipNorm;
    private final Map<String, State> states = new HashMap<>();
    /**
     * Whether {@link #updateInBackground} may use a second thread: on by default where there is a
     * second core; {@code -Dmla4j.background_updates=false} runs those updates in place.
     */
    static final boolean BACKGROUND = Runtime.getRuntime().availableProcessors() > 1
            && !"false".equalsIgnoreCase(System.getProperty("mla4j.background_updates", "true").trim());
    /** Whether groups are laid flat ({@link FlatGroup}); on unless {@code -Dmla4j.flat_updates=false}. */
    static final boolean FLAT = !"false".equalsIgnoreCase(System.getProperty("mla4j.flat_updates", "true").trim());
    /** The managers the model keeps its parameter arrays in ({@link #registerParameters}). */
    private final Map<PtNDArray, NDManager> homes = new IdentityHashMap<>();
    /** The flat group each packed weight belongs to (a weight belongs to one at most). */
    private final Map<PtNDArray, FlatGroup> flatGroups = new IdentityHashMap<>();
    /** Background updates not yet known to be finished, by the key they were submitted under. */
    private final Map<Object, Future<?>> pending = new HashMap<>();
    private ExecutorService background;

    /** Per-parameter state: the cached gradient handle and the rule's slot. */
    private static final class State {
        PtNDArray gradient;
        UpdateRule.Slot slot;
    }

    public Optimizer(NDManager parent, OptimizerSpec spec) {
        this.stateManager = parent.newSubManager();
        this.rule = spec.rule();
        this.clipNorm = spec.clipNorm();
    }

    /** SGD with momentum and weight decay (tests, benchmarks). */
    public Optimizer(NDManager parent, float momentum, float weightDecay) {
        this(parent, OptimizerSpec.sgd(momentum, weightDecay));
    }

    /**
     * Names the model's parameter arrays while they sit in the managers the model keeps them in (outside
     * any batch, which borrows them): a flat group's weights are put there, to live as long as the model.
     * Groups of arrays never named here are never laid flat.
     */
    public void registerParameters(NDArray... arrays) {
        for (NDArray a : arrays) {
            homes.putIfAbsent((PtNDArray) a, a.getManager());
        }
    }

    /** Whether {@code parameters} are laid flat as one group (tests). */
    boolean isFlat(List<Parameter> parameters) {
        List<PtNDArray> weights = new ArrayList<>();
        for (Parameter p : parameters) {
            weights.add((PtNDArray) p.getArray());
        }
        FlatGroup g = weights.isEmpty() ? null : flatGroups.get(weights.get(0));
        return g != null && g.isFor(weights);
    }

    /** Whether groups are clipped to a gradient norm before their update. */
    public boolean clips() {
        return clipNorm > 0;
    }

    /**
     * Scales the accumulated gradients of {@code parameters} so that their global L2 norm is at most
     * the clip norm (PyTorch's {@code clip_grad_norm_}: factor {@code c / (‖g‖ + 1e-6)} when it is
     * below 1). The sum of squares is taken in double, parameter by parameter in their order, whether
     * or not the group is flat, so its bits never depend on that; Java loops over the gradients' memory
     * ({@link EngineMemory}) do the work and create no engine arrays, the engine only where a gradient
     * has no such view (its temporaries then land in the gradient's manager, a batch's while lent).
     */
    public void clip(List<Parameter> parameters) {
        float factor = clipFactor(parameters);
        if (factor < 1) {
            for (Parameter p : parameters) {
                if (p.requiresGradient()) {
                    scale(state(p).gradient, factor); // a flat group's gradients alias its flat one: same values
                }
            }
        }
    }

    /**
     * {@link #clip} and then {@link #update(List, float)}, with the clipping factor applied inside the
     * update's own pass over the gradient where the rule can (same arithmetic, one pass fewer).
     */
    public void clipAndUpdate(List<Parameter> parameters, float lr) {
        float factor = clipFactor(parameters);
        for (Work w : prepare(parameters, lr)) {
            step(w.weight(), w.gradient(), w.prepared(), true, factor);
        }
    }

    /** The factor {@link #clip} scales by: {@code min(1, c / (‖g‖ + 1e-6))}, 1 where nothing clips. */
    private float clipFactor(List<Parameter> parameters) {
        double squares = 0;
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                squares += sumOfSquares(state(p).gradient);
            }
        }
        double factor = clipNorm / (Math.sqrt(squares) + 1e-6);
        return clipNorm > 0 && factor < 1 ? (float) factor : 1f;
    }

    /**
     * Σ g² in double: eight running sums, one per position in consecutive groups of eight (so the
     * additions need not wait for each other; a tail of up to seven elements goes to the first),
     * added in a fixed order. The values are copied to the heap a block at a time, which the JIT reads
     * faster than the engine's memory (2.5× on a 3.55M-value group).
     */
    private static double sumOfSquares(PtNDArray gradient) {
        FloatBuffer g = EngineMemory.alias(gradient);
        if (g == null) {
            try (NDArray square = gradient.square(); NDArray sum = square.sum()) {
                return sum.getFloat();
            }
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        float[] block = new float[4096];
        int n = g.capacity();
        for (int from = 0; from < n; from += block.length) {
            int length = Math.min(block.length, n - from);
            g.get(from, block, 0, length);
            int i = 0;
            for (; i + 7 < length; i += 8) {
                double x0 = block[i];
                double x1 = block[i + 1];
                double x2 = block[i + 2];
                double x3 = block[i + 3];
                double x4 = block[i + 4];
                double x5 = block[i + 5];
                double x6 = block[i + 6];
                double x7 = block[i + 7];
                s0 += x0 * x0;
                s1 += x1 * x1;
                s2 += x2 * x2;
                s3 += x3 * x3;
                s4 += x4 * x4;
                s5 += x5 * x5;
                s6 += x6 * x6;
                s7 += x7 * x7;
            }
            for (; i < length; i++) {
                double x = block[i];
                s0 += x * x;
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code gradient ← factor·gradient} in place, in float32. */
    static void scale(PtNDArray gradient, float factor) {
        FloatBuffer g = EngineMemory.alias(gradient);
        if (g == null) {
            gradient.muli(Scalars.of(gradient.getManager(), factor));
            return;
        }
        int n = g.capacity();
        for (int i = 0; i < n; i++) {
            g.put(i, g.get(i) * factor);
        }
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
        step(w, (PtNDArray) gradient, rule.prepare(s.slot, w, lr, stateManager), gradient == s.gradient);
    }

    /**
     * Updates each of {@code parameters} with its own accumulated gradient, as {@link #update(Parameter,
     * float)} does, then clears the gradients: one step for the whole group once it is laid flat.
     */
    public void update(List<Parameter> parameters, float lr) {
        for (Work w : prepare(parameters, lr)) {
            step(w.weight(), w.gradient(), w.prepared(), true);
        }
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
            update(parameters, lr);
            return;
        }
        // before a parameter's first backward the engine has no gradient to hand out a handle for:
        // that one time the gradients are computed here, and only the updates go to the background
        boolean firstTime = !gradientsCached(parameters);
        if (firstTime) {
            gradients.run();
        }
        Runnable produceGradients = firstTime ? () -> { } : gradients;
        List<Work> work = prepare(parameters, lr); // engine arrays are created on this thread, never on the background one
        pending.put(key, background().submit(() -> {
            produceGradients.run();
            for (Work a : work) {
                step(a.weight(), a.gradient(), a.prepared(), true);
            }
        }));
    }

    /**
     * The steps that update {@code parameters} at {@code lr}: one for the group where it is (or now can
     * be) laid flat, else one per parameter. Runs the rule's per-parameter preparation either way.
     */
    private List<Work> prepare(List<Parameter> parameters, float lr) {
        List<PtNDArray> weights = new ArrayList<>();
        List<PtNDArray> gradients = new ArrayList<>();
        List<UpdateRule.Slot> slots = new ArrayList<>();
        List<Object> prepared = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            State s = state(parameter);
            PtNDArray w = (PtNDArray) parameter.getArray();
            weights.add(w);
            gradients.add(s.gradient);
            slots.add(s.slot);
            prepared.add(rule.prepare(s.slot, w, lr, stateManager));
        }
        FlatGroup flat = flatGroup(weights, gradients, slots);
        Object groupStep = flat == null ? null : rule.forGroup(prepared, flat.states());
        if (groupStep != null) {
            return List.of(new Work(flat.weights(), flat.gradient(), groupStep));
        }
        List<Work> work = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            work.add(new Work(weights.get(i), gradients.get(i), prepared.get(i)));
        }
        return work;
    }

    /** The flat group of exactly these weights, laid flat now if it can be; null where it cannot. */
    private FlatGroup flatGroup(List<PtNDArray> weights, List<PtNDArray> gradients, List<UpdateRule.Slot> slots) {
        if (!FLAT || weights.isEmpty()) {
            return null;
        }
        FlatGroup existing = flatGroups.get(weights.get(0));
        if (existing != null) {
            return existing.isFor(weights) ? existing : null;
        }
        for (PtNDArray w : weights) {
            if (flatGroups.containsKey(w)) {
                return null; // part of another flat group: these weights step one by one
            }
        }
        NDManager home = homes.get(weights.get(0));
        for (PtNDArray w : weights) {
            if (home == null || homes.get(w) != home) {
                return null; // not registered, or kept in different places: no one lifetime for a flat copy
            }
        }
        if (!FlatGroup.packable(weights, gradients)) {
            return null;
        }
        List<List<PtNDArray>> states = new ArrayList<>();
        for (int kind = 0; kind < rule.arrays(slots.get(0)).size(); kind++) {
            List<PtNDArray> ofKind = new ArrayList<>();
            for (UpdateRule.Slot slot : slots) {
                ofKind.add(rule.arrays(slot).get(kind));
            }
            states.add(ofKind);
        }
        FlatGroup group = FlatGroup.pack(weights, gradients, states, home, stateManager);
        for (PtNDArray w : weights) {
            flatGroups.put(w, group);
        }
        LOG.debug("laid {} parameters flat ({} values): one update call for them from now on", weights.size(),
                group.weights().size());
        return group;
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

    private record Work(PtNDArray weight, PtNDArray gradient, Object prepared) {
    }

    private void step(PtNDArray w, PtNDArray gradient, Object prepared, boolean ownGradient) {
        step(w, gradient, prepared, ownGradient, 1f);
    }

    /**
     * One rule step; {@code ownGradient}: the gradient is w's accumulated one (not a modified copy);
     * {@code gradientScale}: a clipping factor the gradient is first multiplied by (1: none).
     */
    private void step(PtNDArray w, PtNDArray gradient, Object prepared, boolean ownGradient, float gradientScale) {
        if (!rule.step(w, gradient, prepared, ownGradient, gradientScale)) {
            JniUtils.zeroGrad(w);
        }
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
                }, "mla4j-optimizer");
                t.setDaemon(true);
                return t;
            });
        }
        return background;
    }

    private State state(Parameter parameter) {
        State s = slotOf(parameter);
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
        for (FlatGroup g : new LinkedHashSet<>(flatGroups.values())) {
            stepManager.tempAttachAll(g.gradient());
        }
    }

    /** Clears a parameter's accumulated gradient (PyTorch accumulates across backward calls). */
    public static void zeroGradient(Parameter parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter.getArray());
    }

    private State slotOf(Parameter parameter) {
        State s = states.get(parameter.getId());
        if (s == null) {
            s = new State();
            s.slot = rule.newSlot();
            states.put(parameter.getId(), s);
        }
        return s;
    }

    /** The parameter's optimiser state by name suffix, for bit-exact checkpoints (empty before its first update). */
    public Map<String, float[]> exportState(Parameter parameter) {
        State s = states.get(parameter.getId());
        return s == null ? Map.of() : rule.export(s.slot);
    }

    /** Restores {@link #exportState}'s form; IllegalArgumentException when it does not fit this optimiser. */
    public void restoreState(Parameter parameter, Map<String, float[]> state) {
        // the restored state gets arrays of its own: the parameter's group steps one by one until laid flat anew
        FlatGroup flat = flatGroups.get((PtNDArray) parameter.getArray());
        if (flat != null) {
            flatGroups.values().removeIf(g -> g == flat);
        }
        rule.restore(slotOf(parameter).slot, state, (PtNDArray) parameter.getArray(), stateManager);
    }

    /** SGD's momentum buffer of a parameter in PyTorch's units (b = v / lr), or null before its first update. */
    public float[] momentumBuffer(Parameter parameter) {
        State s = states.get(parameter.getId());
        return s == null || !(rule instanceof SgdRule) ? null : SgdRule.momentumBuffer(s.slot);
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
