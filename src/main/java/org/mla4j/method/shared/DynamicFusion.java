package org.mla4j.method.shared;

/**
 * Test-time fusion of per-modality logits, per sample, over the modalities present in it.
 *
 * <p>Dynamic (MLA's DF): with {@code p_m = softmax(f_m)} and entropy {@code e_m = −Σ p_m log p_m},
 * the weights are {@code λ_m = exp(−e_m) / Σ_present exp(−e_v)} and the fused logits are
 * {@code Σ_m λ_m f_m}. Confident modalities (low entropy) weigh more. Mean: {@code λ_m = 1/|present|}.
 * Each sample is fused on its own, so results never depend on how samples are batched.
 */
public final class DynamicFusion {
    private DynamicFusion() {
    }

    /** Shannon entropy (nats) of softmax(logits[offset .. offset+C)). */
    public static double entropy(float[] logits, int offset, int numClasses) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < numClasses; c++) {
            max = Math.max(max, logits[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < numClasses; c++) {
            sum += Math.exp(logits[offset + c] - max);
        }
        double logSum = Math.log(sum);
        double entropy = 0;
        for (int c = 0; c < numClasses; c++) {
            double logP = logits[offset + c] - max - logSum;
            entropy -= Math.exp(logP) * logP;
        }
        return entropy;
    }

    /**
     * Fuses N samples.
     *
     * @param logits  per modality, N × C row-major (null for a modality the model cannot score alone)
     * @param present per modality, N flags
     * @param weights out: per modality, N weights (0 where absent); may be null
     * @return fused logits, N × C row-major; a sample with no present modality gets NaN
     */
    public static float[] fuse(FusionMode mode, float[][] logits, boolean[][] present, int numSamples, int numClasses,
                               float[][] weights) {
        int numModalities = logits.length;
        float[] fused = new float[numSamples * numClasses];
        double[] lambda = new double[numModalities];
        double[] acc = new double[numClasses];
        for (int i = 0; i < numSamples; i++) {
            int offset = i * numClasses;
            double minEntropy = Double.POSITIVE_INFINITY;
            int count = 0;
            for (int m = 0; m < numModalities; m++) {
                lambda[m] = Double.NaN;
                if (logits[m] != null && present[m][i]) {
                    count++;
                    lambda[m] = mode == FusionMode.DYNAMIC ? entropy(logits[m], offset, numClasses) : 0;
                    minEntropy = Math.min(minEntropy, lambda[m]);
                }
            }
            double total = 0;
            for (int m = 0; m < numModalities; m++) {
                // exp(min e − e_m) is exp(−e_m) scaled by a common factor: the same weights, no underflow
                lambda[m] = Double.isNaN(lambda[m]) ? 0 : Math.exp(minEntropy - lambda[m]);
                total += lambda[m];
            }
            java.util.Arrays.fill(acc, 0);
            for (int m = 0; m < numModalities; m++) {
                double w = count == 0 ? 0 : lambda[m] / total;
                if (weights != null) {
                    weights[m][i] = (float) w;
                }
                if (w == 0) {
                    continue;
                }
                for (int c = 0; c < numClasses; c++) {
                    acc[c] += w * logits[m][offset + c];
                }
            }
            for (int c = 0; c < numClasses; c++) {
                fused[offset + c] = (float) acc[c];
            }
            if (count == 0) {
                java.util.Arrays.fill(fused, offset, offset + numClasses, Float.NaN);
            }
        }
        return fused;
    }
}
