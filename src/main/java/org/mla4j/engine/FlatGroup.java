package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A parameter group laid end to end: its weights in one flat engine tensor, their gradients in that
 * tensor's gradient, and each kind of optimiser state (momentum; Adam's two moments) in one flat tensor
 * more. Every parameter's own tensor is then re-pointed at its stretch of the flat storage (libtorch's
 * {@code set_}), so the blocks, the parameter store and the cached gradient handles keep the tensors
 * they hold and see the same memory; backward still accumulates into each parameter's gradient, now
 * inside the flat gradient. One engine call then updates the whole group and one clears its gradients
 * (Adam: one Java pass does both, {@link AdamRule}), instead of one of each per parameter (issue 16:
 * per-op overhead, not arithmetic, dominated the updates of the small MLPs).
 *
 * <p>The update rules are elementwise, so an element's arithmetic does not depend on where it lies:
 * for SGD the flat step gives the per-parameter step's bits (a test checks it).
 *
 * <p>Lifetime: the parameters point into {@link #weights()}'s memory without owning it, so that tensor
 * lives in the parameters' manager and dies with the model; the state tensors live in the optimiser's.
 */
final class FlatGroup {
    /** Whether this process has re-pointed a tensor before (libtorch's one warning is behind it). */
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private final List<PtNDArray> weights;
    private final PtNDArray flatWeights;
    private final PtNDArray flatGradient;
    private final List<PtNDArray> flatStates;

    private FlatGroup(List<PtNDArray> weights, PtNDArray flatWeights, PtNDArray flatGradient, List<PtNDArray> flatStates) {
        this.weights = weights;
        this.flatWeights = flatWeights;
        this.flatGradient = flatGradient;
        this.flatStates = flatStates;
    }

    /**
     * Whether a group of these weights can be laid flat: at least two, all float32 on the CPU, each
     * with a gradient of its shape (after its first backward pass). Strides do not matter: the values
     * are copied, and each tensor is then re-pointed as a contiguous stretch.
     */
    static boolean packable(List<PtNDArray> weights, List<PtNDArray> gradients) {
        if (weights.size() < 2) {
            return false;
        }
        for (int i = 0; i < weights.size(); i++) {
            PtNDArray w = weights.get(i);
            PtNDArray g = gradients.get(i);
            if (g == null || w.getDataType() != DataType.FLOAT32 || g.getDataType() != DataType.FLOAT32
                    || !ai.djl.Device.cpu().equals(w.getDevice()) || !g.getShape().equals(w.getShape())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lays the group flat. {@code states.get(k)} holds the k-th kind of state of every parameter, in
     * the order of {@code weights}; all values are kept. {@code gradients} are the cached handles of
     * the weights' gradients. {@code weightManager} is where the model keeps the weights (not a batch's
     * manager they are lent to): the flat weights must live as long as they do.
     */
    static FlatGroup pack(List<PtNDArray> weights, List<PtNDArray> gradients, List<List<PtNDArray>> states,
                          NDManager weightManager, NDManager stateManager) {
        PtNDArray flatWeights = concat(weights, weightManager);
        // the flat gradient is the flat weights' own gradient, so the engine's zeroGrad clears it in one call;
        // it gets one by a backward pass from the flat weights with the current gradients as the seed
        flatWeights.setRequiresGradient(true);
        try (NDManager temporary = stateManager.newSubManager()) {
            PtNDArray seed = concat(gradients, temporary);
            Autograd.backward(flatWeights, seed);
        }
        PtNDArray flatGradient = (PtNDArray) flatWeights.getGradient();
        flatGradient.attach(stateManager);
        alias(weights, flatWeights);
        alias(gradients, flatGradient);
        List<PtNDArray> flatStates = new ArrayList<>();
        for (List<PtNDArray> kind : states) {
            PtNDArray flat = concat(kind, stateManager);
            alias(kind, flat);
            flatStates.add(flat);
        }
        return new FlatGroup(List.copyOf(weights), flatWeights, flatGradient, List.copyOf(flatStates));
    }

    /** Whether {@code weights} are exactly this group's, in its order. */
    boolean isFor(List<PtNDArray> candidates) {
        if (candidates.size() != weights.size()) {
            return false;
        }
        for (int i = 0; i < weights.size(); i++) {
            if (candidates.get(i) != weights.get(i)) {
                return false;
            }
        }
        return true;
    }

    PtNDArray weights() {
        return flatWeights;
    }

    PtNDArray gradient() {
        return flatGradient;
    }

    /** The flat state tensors, one per kind, in the order they were packed. */
    List<PtNDArray> states() {
        return flatStates;
    }

    /** The values of {@code parts}, flattened and concatenated, in a new tensor of {@code manager}. */
    private static PtNDArray concat(List<PtNDArray> parts, NDManager manager) {
        try (NDManager temporary = manager.newSubManager()) {
            NDList flat = new NDList();
            for (PtNDArray part : parts) {
                NDArray detached = part.stopGradient();
                detached.attach(temporary);
                NDArray row = detached.flatten();
                row.attach(temporary);
                flat.add(row);
            }
            NDArray all = NDArrays.concat(flat);
            all.attach(manager);
            return (PtNDArray) all;
        }
    }

    /** Re-points each of {@code parts} at its stretch of {@code flat}'s storage, in order. */
    private static void alias(List<PtNDArray> parts, PtNDArray flat) {
        ByteBuffer memory = JniUtils.getByteBuffer(flat, true);
        if (!memory.isDirect()) {
            throw new IllegalStateException("the engine gave no direct view of a flat parameter buffer");
        }
        int offset = 0;
        for (PtNDArray part : parts) {
            int bytes = Math.toIntExact(part.size() * Float.BYTES);
            ByteBuffer stretch = memory.slice(offset, bytes);
            if (WARNED.compareAndSet(false, true)) {
                // the engine's first re-pointing prints, once, that DJL's call uses a deprecated libtorch guard
                SilencedStderr.run(() -> JniUtils.set(part, stretch));
            } else {
                JniUtils.set(part, stretch);
            }
            offset += bytes;
        }
    }
}
