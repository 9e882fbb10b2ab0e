package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.mla4j.engine.Scalars;

/** Losses the missing-modality baselines share; every scalar operand is engine-owned ({@link Scalars}). */
public final class MissingLosses {
    private MissingLosses() {
    }

    /** {@code MSE(a, b)}: the mean of squared differences over all elements. */
    public static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }

    /**
     * MSE over the per-modality slots that have a target: a and b are n × (w·M), the slot of modality m
     * being columns [m·w, (m+1)·w); {@code weights} (n × M, 0/1) says which slots count, {@code count} is
     * their number (> 0). {@code Σ_{n,m} w_nm ‖a_nm − b_nm‖² / (count·w)}; with every weight 1 this is
     * {@link #mse}.
     */
    public static NDArray slotMse(NDArray a, NDArray b, NDArray weights, int numModalities, int count) {
        long n = a.getShape().get(0);
        NDArray perSlot = a.sub(b).square().reshape(new Shape(n, numModalities, -1)).mean(new int[] {2});
        return perSlot.mul(weights).sum().div(Scalars.of(a.getManager(), count));
    }

    /**
     * The symmetric Kullback–Leibler divergence between the softmax distributions over the last axis,
     * {@code KL(p‖q) + KL(q‖p) = Σ (p − q)(log p − log q)} with p = softmax(a), q = softmax(b), averaged
     * over all other axes (tokens and samples).
     */
    public static NDArray symmetricKl(NDArray a, NDArray b) {
        NDArray logP = a.logSoftmax(-1);
        NDArray logQ = b.logSoftmax(-1);
        return logP.exp().sub(logQ.exp()).mul(logP.sub(logQ)).sum(new int[] {-1}).mean();
    }
}
