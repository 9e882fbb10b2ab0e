package org.mla4j.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of one optimiser step on one parameter, with PyTorch's semantics, and the state it
 * keeps per parameter. {@link #prepare} runs on the training thread (it may create engine arrays);
 * {@link #step} may run on the optimiser's background thread and only works in place.
 */
interface UpdateRule {
    /** Per-parameter state (momentum buffers, step counts). */
    interface Slot {
    }

    Slot newSlot();

    /** Readies the slot for a step at learning rate {@code lr}; returns what {@link #step} needs. */
    Object prepare(Slot slot, PtNDArray weight, float lr, NDManager stateManager);

    /**
     * {@code weight ← update(weight, gradient)} in place, with what {@link #prepare} returned. Where
     * {@code clearGradient} (the gradient is the weight's own accumulated one), the rule may also set it
     * to zero in the same pass; it returns whether it did, and the caller clears it otherwise. The
     * gradient is first multiplied by {@code gradientScale} in float32 (gradient clipping; 1 = as is),
     * in place or inside the rule's own pass.
     */
    boolean step(PtNDArray weight, PtNDArray gradient, Object prepared, boolean clearGradient, float gradientScale);

    /** The slot's engine arrays (after {@link #prepare}), in a fixed order: what a flat group lays end to end. */
    List<PtNDArray> arrays(Slot slot);

    /**
     * One step for a whole flat group: what {@link #prepare} returned for each of its parameters, with
     * the arrays replaced by the group's flat ones (the order of {@link #arrays}); null where the
     * parameters' steps differ in a scalar (e.g. Adam step counts), so the group must step one by one.
     */
    Object forGroup(List<Object> prepared, List<PtNDArray> flatArrays);

    /** The slot's state by name suffix (host copies, exact bits), empty before the first step. */
    Map<String, float[]> export(Slot slot);

    /** Restores {@link #export}'s form; throws IllegalArgumentException naming what does not fit. */
    void restore(Slot slot, Map<String, float[]> state, PtNDArray weight, NDManager stateManager);
}
