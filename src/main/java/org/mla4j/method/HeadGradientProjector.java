package org.mla4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * MLA's head gradient modification (HGM): recursive least squares as in orthogonal weight
 * modification. One matrix P (s×s), the identity at the start, is updated with a feature mean h̄:
 *
 * <pre>
 *   k = P h̄
 *   P ← P − k kᵀ / (α + h̄ᵀ k)
 * </pre>
 *
 * and the head weight's gradient is projected: {@code ∇W ← ∇W · P} (the bias is not touched).
 * After n updates P = (I + Σ h hᵀ / α)⁻¹, so the projected update is (nearly) orthogonal to every
 * feature direction used so far. P is kept in float64 on the engine: each update subtracts an
 * exactly symmetric matrix (k_i·k_j = k_j·k_i), so P stays symmetric; it is re-symmetrised every
 * {@value #SYMMETRISE_EVERY} updates as a guard against any drift. A float32 copy of P, refreshed at
 * each update, projects float32 gradients: the float64 product costs ten times more and the gradient
 * itself only has float32 precision.
 */
public final class HeadGradientProjector implements AutoCloseable {
    static final int SYMMETRISE_EVERY = 1000;

    private final NDManager manager;
    private final double alpha;
    private final NDArray alphaScalar;
    private NDArray p;
    private NDArray p32;
    private long updates;

    public HeadGradientProjector(NDManager parent, int featureSize, double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("HGM alpha must be > 0, got " + alpha);
        }
        this.manager = parent.newSubManager();
        this.alpha = alpha;
        this.p = manager.eye(featureSize).toType(DataType.FLOAT64, false);
        this.p32 = manager.eye(featureSize);
        // created once: a Number operand would allocate a new engine scalar at every update
        this.alphaScalar = manager.create(alpha);
    }

    /** Folds one feature mean (shape (s), any float type, no gradient) into P. */
    public void update(NDArray featureMean) {
        try (NDManager step = manager.newSubManager()) {
            step.tempAttachAll(featureMean, p);
            NDArray h = featureMean.toType(DataType.FLOAT64, false);
            NDArray k = p.matMul(h);
            NDArray denominator = h.dot(k).addi(alphaScalar);
            p.subi(k.reshape(-1, 1).mul(k.reshape(1, -1)).divi(denominator));
            updates++;
            if (updates % SYMMETRISE_EVERY == 0) {
                NDArray symmetric = p.add(p.transpose()).muli(0.5);
                symmetric.attach(manager);
                p.close();
                p = symmetric;
            }
        }
        refreshSinglePrecisionCopy();
    }

    private void refreshSinglePrecisionCopy() {
        NDArray copy = p.toType(DataType.FLOAT32, false);
        copy.attach(manager);
        p32.close();
        p32 = copy;
    }

    /**
     * Returns {@code gradient · P} (gradient: C×s) in the gradient's own data type: float32 gradients
     * use P's float32 copy, others the float64 P.
     */
    public NDArray project(NDArray gradient) {
        if (gradient.getDataType() == DataType.FLOAT32) {
            return gradient.matMul(p32);
        }
        return gradient.toType(DataType.FLOAT64, false).matMul(p).toType(gradient.getDataType(), false);
    }

    /** The current P (float64, s×s); owned by the projector. */
    public NDArray matrix() {
        return p;
    }

    /** Replaces P (restoring a checkpoint); the array is copied. */
    public void setMatrix(double[] values, long updateCount) {
        NDArray restored = manager.create(values, p.getShape());
        p.close();
        p = restored;
        updates = updateCount;
        refreshSinglePrecisionCopy();
    }

    public long updateCount() {
        return updates;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public void close() {
        manager.close();
    }
}
