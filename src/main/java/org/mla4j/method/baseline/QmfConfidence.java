package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import org.mla4j.engine.Scalars;
import org.mla4j.method.shared.UnimodalPrediction;

/**
 * QMF's energy-based confidence and the fusion it weights (Zhang et al., ICML 2023, simplified).
 *
 * <pre>
 *   c_m(x) = logsumexp_k f_m(x)_k / T        (the negative free energy of f_m, scaled by 1/T)
 *   ŷ      = Σ_{m present} c_m(x) · f_m(x)
 * </pre>
 *
 * In training the weights are detached (no gradient flows through c_m into the fusion); the
 * ranking loss acts on c_m itself ({@link Qmf}). The weights are not normalised: they scale the
 * logits by how much evidence each modality has.
 */
public final class QmfConfidence {
    private QmfConfidence() {
    }

    /** {@code c = logsumexp(logits, axis 1) / T} on the engine, per sample (n), differentiable. */
    public static NDArray of(NDArray logits, double temperature) {
        NDArray max = logits.stopGradient().max(new int[] {1}, true);
        return logits.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1))
                .div(Scalars.of(logits.getManager(), (float) temperature));
    }

    /** {@code logsumexp(logits[offset .. offset+C)) / T} on the host. */
    public static double of(float[] logits, int offset, int numClasses, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < numClasses; k++) {
            max = Math.max(max, logits[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < numClasses; k++) {
            sum += Math.exp(logits[offset + k] - max);
        }
        return (max + Math.log(sum)) / temperature;
    }

    /**
     * Fuses n samples over their present modalities (a {@link UnimodalPrediction.Fusion}).
     *
     * @param weights out: per modality, the confidence {@code c_m} of each sample (0 where absent)
     * @return fused logits n × C; a sample with no present modality gets NaN
     */
    public static float[] fuse(double temperature, float[][] logits, boolean[][] present, int numSamples,
                               int numClasses, float[][] weights) {
        float[] fused = new float[numSamples * numClasses];
        double[] acc = new double[numClasses];
        for (int i = 0; i < numSamples; i++) {
            int offset = i * numClasses;
            java.util.Arrays.fill(acc, 0);
            int count = 0;
            for (int m = 0; m < logits.length; m++) {
                double c = 0;
                if (present[m][i]) {
                    count++;
                    c = of(logits[m], offset, numClasses, temperature);
                    for (int k = 0; k < numClasses; k++) {
                        acc[k] += c * logits[m][offset + k];
                    }
                }
                if (weights != null) {
                    weights[m][i] = (float) c;
                }
            }
            for (int k = 0; k < numClasses; k++) {
                fused[offset + k] = count == 0 ? Float.NaN : (float) acc[k];
            }
        }
        return fused;
    }
}
