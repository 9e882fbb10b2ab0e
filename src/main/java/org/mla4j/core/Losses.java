package org.mla4j.core;

import ai.djl.ndarray.NDArray;

/** Loss functions on logits. */
public final class Losses {
    private Losses() {
    }

    /** Mean cross-entropy {@code −(1/n) Σ_i log softmax(z_i)[y_i]}, with the labels given one-hot (n × C). */
    public static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        // mean() then neg() rather than div(−n): a Number operand allocates an engine scalar every step
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /** Per-sample cross-entropy (n). */
    public static NDArray crossEntropyPerSample(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    }
}
