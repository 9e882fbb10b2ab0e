package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.mla4j.engine.FreeAdam;
import org.mla4j.engine.Scalars;

/**
 * CPM-Net's prediction-time search for latents (spec MISSING-BASELINES §8): with the linear degradation
 * networks g_m(h) = W_m h + b_m frozen, each sample gets the h that lowers its reconstruction error over
 * its observed modalities O only,
 *
 * <pre>
 *   R(h) = Σ_{m ∈ O} ‖W_m h + b_m − x_m‖²,    ∇R = Σ_m s_m·2W_mᵀW_m h − c,    c = Σ_m s_m·2W_mᵀ(x_m − b_m)
 * </pre>
 *
 * by {@code steps} Adam steps (lr 1e-3, β = (0.9, 0.999), ε = 1e-8: GCNet's test optimiser) from h = 0.
 * The gradient is the one back-propagation through g gives, computed as one product with the stacked
 * Gram matrices [2W_1ᵀW_1 | … | 2W_MᵀW_M] (n·L·M·L work per step instead of n·L·Σd_m), then masked per
 * modality and summed. A missing modality's values never matter: its s_m = 0 removes them from c and
 * its Gram term from the gradient. R decomposes over samples and Adam is elementwise, so a sample's path
 * depends on its own inputs only, and h = 0 needs no random draw: the same inputs give the same latents,
 * whatever else is in the batch (batches under {@link #MIN_ROWS} rows are padded, since the engine
 * multiplies very few rows with other kernels).
 */
final class LatentSolver {
    static final float LR = 1e-3f;
    /** Batches are solved with at least this many rows ({@link #solve}). */
    static final int MIN_ROWS = 8;

    private LatentSolver() {
    }

    /**
     * The latents (n × L).
     *
     * @param weights per modality W_m (d_m × L); {@code biases} b_m (d_m); {@code inputs} x_m (n × d_m);
     *                {@code observed} s_m (n × 1, 0/1)
     */
    static NDArray solve(NDArray[] weights, NDArray[] biases, NDArray[] inputs, NDArray[] observed, int steps,
                         NDManager manager) {
        long rows = inputs[0].getShape().get(0);
        if (rows < MIN_ROWS) {
            // the engine multiplies 1-3 rows with other kernels than larger batches (other last bits):
            // padding with unobserved rows (which stay at 0) gives every batch size the same numbers
            NDArray[] paddedInputs = new NDArray[inputs.length];
            NDArray[] paddedObserved = new NDArray[inputs.length];
            for (int m = 0; m < inputs.length; m++) {
                paddedInputs[m] = pad(inputs[m], manager);
                paddedObserved[m] = pad(observed[m], manager);
            }
            return solve(weights, biases, paddedInputs, paddedObserved, steps, manager)
                    .get(new NDIndex("0:{}", rows));
        }
        int numModalities = weights.length;
        long n = rows;
        long latent = weights[0].getShape().get(1);
        NDArray two = Scalars.of(manager, 2f);
        NDList grams = new NDList();
        NDArray c = null;
        for (int m = 0; m < numModalities; m++) {
            grams.add(weights[m].transpose().matMul(weights[m]).mul(two));
            NDArray cm = inputs[m].sub(biases[m]).matMul(weights[m]).mul(two).mul(observed[m]);
            c = c == null ? cm : c.add(cm);
        }
        NDArray stacked = NDArrays.concat(grams, 1); // L × (M·L)
        NDArray mask = NDArrays.concat(new NDList(observed), 1).reshape(new Shape(n, numModalities, 1));
        NDArray h = manager.zeros(new Shape(n, latent));
        FreeAdam adam = new FreeAdam(h, 0.9f, 0.999f, 1e-8f);
        for (int step = 0; step < steps; step++) {
            try (NDManager stepManager = manager.newSubManager()) {
                stepManager.tempAttachAll(h);
                NDArray perModality = h.matMul(stacked).reshape(new Shape(n, numModalities, latent));
                adam.step(h, perModality.mul(mask).sum(new int[] {1}).sub(c), LR);
            }
        }
        return h;
    }

    /** {@code a} with zero rows appended up to {@link #MIN_ROWS}. */
    private static NDArray pad(NDArray a, NDManager manager) {
        long[] shape = a.getShape().getShape().clone(); // getShape() hands out the array itself
        shape[0] = MIN_ROWS - shape[0];
        return NDArrays.concat(new NDList(a, manager.zeros(new Shape(shape))), 0);
    }
}
