package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.mla4j.engine.Scalars;

/**
 * CPM-Net's parameter-free classification loss on latents (Zhang et al. 2019; spec MISSING-BASELINES
 * §8). With F(h_n, c) the mean similarity of h_n to the other samples of class c,
 *
 * <pre>
 *   F(h_n, c) = (1/|{j ≠ n : y_j = c}|) Σ_{j ≠ n, y_j = c} h_nᵀ h_j,      ŷ_n = argmax_c F(h_n, c)
 *   Lc = Σ_n max(0, 1[ŷ_n ≠ y_n] + F(h_n, ŷ_n) − F(h_n, y_n))
 * </pre>
 *
 * computed as {@code F = (H·(Hᵀ Y) − diag(H Hᵀ)·Y) ⊘ (counts − Y)} (n·L·K work, no n × n matrix). ŷ is
 * taken on the host (no gradient through the argmax); since F(h_n, ŷ_n) ≥ F(h_n, y_n) the max is the
 * identity. A class with no other member in the batch is never predicted, and a sample that is the only
 * one of its class contributes nothing (its F(h_n, y_n) is undefined).
 */
public final class ClassStructureLoss {
    private ClassStructureLoss() {
    }

    /** Lc (a scalar, summed over the samples) for latents H (n × L) with labels y and their one-hot Y. */
    public static NDArray loss(NDArray h, int[] labels, NDArray oneHot, int numClasses) {
        NDManager manager = h.getManager();
        int n = labels.length;
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        float[] inverse = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < numClasses; c++) {
                int others = counts[c] - (labels[i] == c ? 1 : 0);
                inverse[i * numClasses + c] = others > 0 ? 1f / others : 0f;
            }
        }
        NDArray classSums = h.transpose().matMul(oneHot); // L × K
        NDArray self = h.square().sum(new int[] {1}, true); // n × 1
        NDArray f = h.matMul(classSums).sub(self.mul(oneHot)).mul(manager.create(inverse, new Shape(n, numClasses)));
        float[] values = f.toFloatArray();
        float[] direction = new float[n * numClasses];
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            if (counts[labels[i]] < 2) {
                continue;
            }
            int best = -1;
            for (int c = 0; c < numClasses; c++) {
                boolean available = counts[c] - (labels[i] == c ? 1 : 0) > 0;
                if (available && (best < 0 || values[i * numClasses + c] > values[i * numClasses + best])) {
                    best = c;
                }
            }
            if (best != labels[i]) {
                direction[i * numClasses + best] = 1f;
                direction[i * numClasses + labels[i]] = -1f;
                wrong++;
            }
        }
        NDArray margin = f.mul(manager.create(direction, new Shape(n, numClasses))).sum();
        return margin.add(Scalars.of(manager, wrong));
    }
}
