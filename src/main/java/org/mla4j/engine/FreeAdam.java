package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Adam on an array that is not a model parameter and whose gradient the caller computes itself (e.g.
 * CPM-Net's test-time latents): PyTorch's rule without weight decay, one Java pass over the arrays'
 * memory per step as {@link AdamRule} does for parameters (the engine's fused call where an array has
 * no direct view, {@link EngineMemory}):
 *
 * <pre>
 *   m = β1·m + (1 − β1)·g,   v = β2·v + (1 − β2)·g²,   w = w − (lr/(1 − β1^t))·m/(√v/√(1 − β2^t) + ε)
 * </pre>
 *
 * The moments live in the array's manager. Elementwise, so every element's path depends only on its
 * own gradients.
 */
public final class FreeAdam {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final PtNDArray mean;
    private final PtNDArray variance;
    private long steps;

    public FreeAdam(NDArray like, float beta1, float beta2, float epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.mean = (PtNDArray) like.zerosLike();
        this.variance = (PtNDArray) like.zerosLike();
    }

    /** One step of {@code w} (updated in place) along {@code gradient} (same shape). */
    public void step(NDArray w, NDArray gradient, float lr) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = Math.sqrt(1 - Math.pow(beta2, steps));
        float stepSize = (float) (lr * c2 / c1);
        float e = (float) (epsilon * c2);
        if (!AdamRule.stepInJava((PtNDArray) w, (PtNDArray) gradient, mean, variance, beta1, beta2, 0f, stepSize, e,
                1f, false)) {
            JniUtils.adamUpdate((PtNDArray) w, (PtNDArray) gradient, mean, variance, 0f, stepSize, 0f, 1f, -1f, beta1,
                    beta2, e, false);
        }
    }
}
