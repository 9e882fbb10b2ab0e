package org.mla4j.method.mla;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

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
 * feature direction used so far — and P only shrinks, which can starve the head (issue 15).
 *
 * <p>Two variants loosen that (both off in the paper's configuration):
 * <ul>
 *   <li>a <b>forgetting factor</b> λ ∈ (0, 1] (exponentially weighted recursive least squares):
 *       {@code P ← (P − k kᵀ / (λα + h̄ᵀ k)) / λ}, i.e. P = R⁻¹ with
 *       {@code R ← λ R + h̄ h̄ᵀ / α}, R₀ = I, so after n updates
 *       {@code R = λⁿ I + Σᵢ λ^(n−i) hᵢ hᵢᵀ / α}: an old direction's weight decays by λ per update.
 *       λ = 1 is the paper's rule.</li>
 *       It does not keep P bounded: a direction the feature means stop exciting grows by 1/λ per
 *       update (the classic RLS wind-up), so P can amplify the head's gradient.</li>
 *   <li>a <b>leak</b> ρ ∈ [0, 1) toward the identity after each update: {@code P ← (1 − ρ) P + ρ I}.
 *       If ρI ⪯ P ⪯ I before, the RLS step keeps P ⪯ I and the leak restores P ⪰ ρI, so HGM can
 *       neither starve a direction below a fraction ρ of the step nor amplify one; what an update
 *       removed fades by (1 − ρ) per update (a memory of about 1/ρ updates).</li>
 *   <li><b>α scaled with the feature norm</b>: α_t = α·‖h̄‖², so one update shrinks P along h̄ by
 *       the same factor α/(α + 1) (from P = I) whatever the encoders' feature scale.</li>
 * </ul>
 * {@link #reset()} puts P back to the identity (e.g. at every epoch).
 *
 * <p>P is kept in float64 on the host: the update is two passes over s² numbers, which plain Java
 * does faster than the eleven engine calls it took on the engine, and P stays exactly symmetric
 * because entries (i, j) and (j, i) receive the same products (k_i·k_j = k_j·k_i). A float32 copy
 * of P on the engine, refreshed at each update, projects float32 gradients: the gradient itself only
 * has float32 precision.
 */
public final class HeadGradientProjector implements AutoCloseable {
    private final NDManager manager;
    private final int size;
    private final double alpha;
    private final double forgetting;
    private final double leak;
    private final boolean alphaFromNorm;
    private final double[] p;
    private final double[] k;
    /** P's float32 copy: host memory the engine array {@link #p32} is a view of. */
    private final FloatBuffer single;
    /** The same float32 values on the Java heap, written in the update loop and copied over in bulk. */
    private final float[] singleHost;
    private final NDArray p32;
    private long updates;

    /**
     * How P is updated.
     *
     * @param alpha         α > 0
     * @param forgetting    λ ∈ (0, 1]; 1 = no forgetting (the paper)
     * @param leak          ρ ∈ [0, 1); 0 = no leak (the paper)
     * @param alphaFromNorm whether each update's α is {@code alpha·‖h̄‖²} instead of {@code alpha}
     */
    public record Rule(double alpha, double forgetting, double leak, boolean alphaFromNorm) {
        /** The paper's rule with this α. */
        public static Rule paper(double alpha) {
            return new Rule(alpha, 1.0, 0.0, false);
        }
    }

    /** The paper's projector: a fixed α, no forgetting, no leak. */
    public HeadGradientProjector(NDManager parent, int featureSize, double alpha) {
        this(parent, featureSize, Rule.paper(alpha));
    }

    public HeadGradientProjector(NDManager parent, int featureSize, Rule rule) {
        double alpha = rule.alpha();
        double forgetting = rule.forgetting();
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("HGM alpha must be > 0, got " + alpha);
        }
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("HGM forgetting factor must be in (0, 1], got " + forgetting);
        }
        if (!(rule.leak() >= 0 && rule.leak() < 1)) {
            throw new IllegalArgumentException("HGM leak must be in [0, 1), got " + rule.leak());
        }
        this.leak = rule.leak();
        boolean alphaFromNorm = rule.alphaFromNorm();
        this.manager = parent.newSubManager();
        this.size = featureSize;
        this.alpha = alpha;
        this.forgetting = forgetting;
        this.alphaFromNorm = alphaFromNorm;
        this.p = new double[featureSize * featureSize];
        this.k = new double[featureSize];
        ByteBuffer bytes = ByteBuffer.allocateDirect(4 * featureSize * featureSize).order(ByteOrder.nativeOrder());
        this.single = bytes.asFloatBuffer();
        this.singleHost = new float[featureSize * featureSize];
        for (int i = 0; i < featureSize; i++) {
            p[i * featureSize + i] = 1;
        }
        // The PyTorch engine wraps a direct buffer without copying it (the array keeps the buffer
        // alive), so refreshing the buffer refreshes the engine array: no engine call, no new array
        // per update. HeadGradientProjectorTest checks projections after updates.
        this.p32 = manager.create(bytes, new Shape(featureSize, featureSize), DataType.FLOAT32);
        refreshSinglePrecisionCopy();
    }

    /** Folds one feature mean (shape (s), any float type, no gradient) into P. */
    public void update(NDArray featureMean) {
        update(featureMean.getDataType() == DataType.FLOAT64 ? featureMean.toDoubleArray()
                : toDoubles(featureMean.toType(DataType.FLOAT32, false).toFloatArray()));
    }

    /** Widens float32 values (feature means come off the engine as float32). */
    public static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Folds one feature mean (length s) into P. */
    public void update(double[] h) {
        if (h.length != size) {
            throw new IllegalArgumentException("feature mean has " + h.length + " values, P is " + size + "×" + size);
        }
        double hk = 0;
        for (int i = 0; i < size; i++) {
            int row = i * size;
            // four partial sums: one chain of dependent additions would wait on each other's latency
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int j = 0;
            for (; j + 3 < size; j += 4) {
                s0 += p[row + j] * h[j];
                s1 += p[row + j + 1] * h[j + 1];
                s2 += p[row + j + 2] * h[j + 2];
                s3 += p[row + j + 3] * h[j + 3];
            }
            for (; j < size; j++) {
                s0 += p[row + j] * h[j];
            }
            k[i] = (s0 + s1) + (s2 + s3);
            hk += h[i] * k[i];
        }
        double a = alpha;
        if (alphaFromNorm) {
            double norm2 = 0;
            for (double v : h) {
                norm2 += v * v;
            }
            if (norm2 == 0) {
                updates++;
                return; // a zero mean protects no direction; α·‖h̄‖² = 0 would divide 0 by 0
            }
            a = alpha * norm2;
        }
        if (forgetting == 1) {
            double inverse = 1 / (a + hk); // one division, not s² of them
            for (int i = 0; i < size; i++) {
                int row = i * size;
                double ki = k[i];
                for (int j = 0; j < size; j++) {
                    double v = p[row + j] - ki * k[j] * inverse; // (k_i·k_j)·r: the same bits at (i, j) and (j, i)
                    p[row + j] = v;
                    singleHost[row + j] = (float) v;
                }
            }
        } else {
            double inverse = 1 / (forgetting * a + hk);
            double grow = 1 / forgetting;
            for (int i = 0; i < size; i++) {
                int row = i * size;
                double ki = k[i];
                for (int j = 0; j < size; j++) {
                    double v = (p[row + j] - ki * k[j] * inverse) * grow;
                    p[row + j] = v;
                    singleHost[row + j] = (float) v;
                }
            }
        }
        if (leak > 0) {
            double keep = 1 - leak;
            for (int i = 0; i < size; i++) {
                int row = i * size;
                for (int j = 0; j < size; j++) {
                    double v = keep * p[row + j] + (i == j ? leak : 0); // the same operations at (i, j) and (j, i)
                    p[row + j] = v;
                    singleHost[row + j] = (float) v;
                }
            }
        }
        updates++;
        single.put(0, singleHost);
    }

    /** Puts P back to the identity (the update count is kept). */
    public void reset() {
        Arrays.fill(p, 0);
        for (int i = 0; i < size; i++) {
            p[i * size + i] = 1;
        }
        refreshSinglePrecisionCopy();
    }

    private void refreshSinglePrecisionCopy() {
        for (int i = 0; i < p.length; i++) {
            singleHost[i] = (float) p[i];
        }
        single.put(0, singleHost);
    }

    /**
     * Returns {@code gradient · P} (gradient: C×s) in the gradient's own data type: float32 gradients
     * use P's float32 copy, others the float64 P. The result lives in the gradient's manager.
     */
    public NDArray project(NDArray gradient) {
        if (gradient.getDataType() == DataType.FLOAT32) {
            return gradient.matMul(p32);
        }
        NDArray p64 = gradient.getManager().create(p, new Shape(size, size));
        return gradient.toType(DataType.FLOAT64, false).matMul(p64).toType(gradient.getDataType(), false);
    }

    /** A copy of the current P (float64, s×s, row-major). */
    public double[] matrix() {
        return p.clone();
    }

    /** Replaces P (restoring a checkpoint); the values are copied. */
    public void setMatrix(double[] values, long updateCount) {
        if (values.length != p.length) {
            throw new IllegalArgumentException("P needs " + p.length + " values (" + size + "×" + size + "), got "
                    + values.length);
        }
        System.arraycopy(values, 0, p, 0, p.length);
        updates = updateCount;
        refreshSinglePrecisionCopy();
    }

    public int featureSize() {
        return size;
    }

    public long updateCount() {
        return updates;
    }

    public double alpha() {
        return alpha;
    }

    public double forgetting() {
        return forgetting;
    }

    public double leak() {
        return leak;
    }

    @Override
    public void close() {
        manager.close();
    }
}
