package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.mla4j.engine.Scalars;

/**
 * OGM-GE's on-the-fly gradient modulation with generalisation enhancement (Peng et al., CVPR 2022),
 * for any number of modalities.
 *
 * <pre>
 *   s_m = mean over the batch's samples that have m of softmax(f_m(x_m))[y]     (f_m: unimodal logits)
 *   ρ_m = s_m / mean_{j≠m} s_j
 *   k_m = 1 − tanh(α·(ρ_m − 1))   if ρ_m > 1,   else 1
 *   g  ← k_m·g + ε,   ε ~ N(0, std(g) + 1e-8)   for every gradient tensor g of encoder m
 * </pre>
 *
 * The dominant modality (ρ > 1) is slowed down; the noise (std of the unmodulated gradient, sample
 * std) is added to every encoder's gradients, as in the reference implementation. With M = 2,
 * ρ is the original paper's ratio. The batch mean of s (rather than its sum) only matters when
 * modalities are missing; with every sample present the ratios are identical. A modality no sample
 * has gets k = 1 and is left out of the others' means. Modulation acts only in the epochs
 * {@code [firstEpoch, lastEpoch]} (lastEpoch −1: to the end).
 */
public final class OgmModulation {
    private final double alpha;
    private final int firstEpoch;
    private final int lastEpoch;

    public OgmModulation(double alpha, int firstEpoch, int lastEpoch) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("OGM alpha must be a number >= 0, got " + alpha);
        }
        this.alpha = alpha;
        this.firstEpoch = firstEpoch;
        this.lastEpoch = lastEpoch;
    }

    /** Whether modulation acts in a (0-based) epoch. */
    public boolean activeIn(int epoch) {
        return epoch >= firstEpoch && (lastEpoch < 0 || epoch <= lastEpoch);
    }

    /**
     * The score {@code s_m}: mean over present samples of the softmax probability of the true class.
     *
     * @param logits  n × C unimodal logits
     * @param oneHot  n × C labels
     * @param present n flags
     * @return the score, or NaN when no sample is present
     */
    public static double score(NDArray logits, NDArray oneHot, boolean[] present) {
        float[] p = logits.softmax(1).mul(oneHot).sum(new int[] {1}).toFloatArray();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < p.length; i++) {
            if (present[i]) {
                sum += p[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The coefficients {@code k_m} for the scores {@code s_m} (NaN: modality absent from the batch). */
    public double[] coefficients(double[] scores) {
        double[] k = new double[scores.length];
        for (int m = 0; m < scores.length; m++) {
            k[m] = 1;
            double others = 0;
            int count = 0;
            for (int j = 0; j < scores.length; j++) {
                if (j != m && !Double.isNaN(scores[j])) {
                    others += scores[j];
                    count++;
                }
            }
            if (Double.isNaN(scores[m]) || count == 0) {
                continue;
            }
            double ratio = scores[m] / (others / count);
            if (ratio > 1) {
                k[m] = 1 - Math.tanh(alpha * (ratio - 1));
            }
        }
        return k;
    }

    /**
     * {@code k·g + ε} with {@code ε ~ N(0, std(g) + 1e-8)} drawn from the engine's seeded generator,
     * in {@code manager}. {@code g} itself is not changed.
     */
    public static NDArray modulate(NDArray gradient, double k, NDManager manager) {
        long n = gradient.size();
        NDArray centred = gradient.sub(gradient.mean());
        NDArray std = n > 1 ? centred.square().sum().div(Scalars.of(manager, n - 1)).sqrt() : Scalars.of(manager, 0f);
        NDArray noise = manager.randomNormal(gradient.getShape()).mul(std.add(Scalars.of(manager, 1e-8f)));
        return gradient.mul(Scalars.of(manager, (float) k)).add(noise);
    }
}
