package org.mla4j.core;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Host-side predictions for n samples: per modality the logits (null where the method has no
 * unimodal output), the fused logits, the per-modality fusion weights (null when the fusion is not a
 * weighting of modalities), and which modalities were present. Arrays are row-major n × C.
 */
public record Predictions(float[][] modalityLogits, float[] fusedLogits, float[][] fusionWeights,
                          boolean[][] present, int size, int numClasses) {

    /**
     * Predictions of a jointly trained model: its fused logits and, per modality, its unimodal logits
     * (an entry may be null where the method has none); no fusion weights.
     */
    public static Predictions joint(Batch batch, int numClasses, NDArray fused, NDArray[] modalityLogits) {
        int numModalities = batch.numModalities();
        float[][] logits = new float[numModalities][];
        boolean[][] present = new boolean[numModalities][];
        for (int m = 0; m < numModalities; m++) {
            logits[m] = modalityLogits[m] == null ? null : modalityLogits[m].toFloatArray();
            present[m] = batch.present(m);
        }
        return new Predictions(logits, fused.toFloatArray(), null, present, batch.size(), numClasses);
    }

    /** Predictions of a jointly trained model without its unimodal outputs (fused logits only). */
    public static Predictions fusedOnly(Batch batch, int numClasses, NDArray fused) {
        return joint(batch, numClasses, fused, new NDArray[batch.numModalities()]);
    }

    /** Concatenates batch predictions in order. */
    public static Predictions concat(List<Predictions> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Predictions first = parts.get(0);
        int numModalities = first.present.length;
        int c = first.numClasses;
        int n = parts.stream().mapToInt(Predictions::size).sum();
        float[][] logits = new float[numModalities][];
        float[][] weights = first.fusionWeights == null ? null : new float[numModalities][n];
        boolean[][] present = new boolean[numModalities][n];
        for (int m = 0; m < numModalities; m++) {
            logits[m] = first.modalityLogits[m] == null ? null : new float[n * c];
        }
        float[] fused = new float[n * c];
        int at = 0;
        for (Predictions p : parts) {
            System.arraycopy(p.fusedLogits, 0, fused, at * c, p.size * c);
            for (int m = 0; m < numModalities; m++) {
                if (logits[m] != null) {
                    System.arraycopy(p.modalityLogits[m], 0, logits[m], at * c, p.size * c);
                }
                if (weights != null) {
                    System.arraycopy(p.fusionWeights[m], 0, weights[m], at, p.size);
                }
                System.arraycopy(p.present[m], 0, present[m], at, p.size);
            }
            at += p.size;
        }
        return new Predictions(logits, fused, weights, present, n, c);
    }

    /** Index of the largest of the C values of sample i in a row-major array. */
    public static int argmax(float[] logits, int i, int numClasses) {
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < numClasses; k++) {
            float v = logits[i * numClasses + k];
            if (v > bestValue) {
                bestValue = v;
                best = k;
            }
        }
        return best;
    }

    /**
     * Mean cross-entropy {@code logsumexp(z_i) − z_i[y_i]} of row-major logits over the samples whose
     * logits are finite (a sample without any present modality has no fused output); NaN when there is
     * no such sample.
     */
    public static double crossEntropy(float[] logits, int[] labels, int n, int numClasses) {
        double total = 0;
        int counted = 0;
        for (int i = 0; i < n; i++) {
            int offset = i * numClasses;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < numClasses; k++) {
                max = Math.max(max, logits[offset + k]);
            }
            if (!Double.isFinite(max)) {
                continue;
            }
            double sum = 0;
            for (int k = 0; k < numClasses; k++) {
                sum += Math.exp(logits[offset + k] - max);
            }
            total += max + Math.log(sum) - logits[offset + labels[i]];
            counted++;
        }
        return counted == 0 ? Double.NaN : total / counted;
    }
}
