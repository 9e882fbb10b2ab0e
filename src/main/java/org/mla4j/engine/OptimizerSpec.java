package org.mla4j.engine;

/**
 * Which optimiser a run uses and its hyper-parameters (PyTorch's semantics for both).
 *
 * @param clipNorm when positive, each parameter group's gradients are scaled so that their global
 *                 L2 norm is at most this before the group is updated (PyTorch's
 *                 {@code clip_grad_norm_} per module); 0 = no clipping
 */
public record OptimizerSpec(Kind kind, float momentum, float weightDecay, float beta1, float beta2, float epsilon,
                            float clipNorm) {
    public enum Kind { SGD, ADAM }

    /** SGD with momentum and weight decay, no clipping. */
    public static OptimizerSpec sgd(float momentum, float weightDecay) {
        return new OptimizerSpec(Kind.SGD, momentum, weightDecay, 0.9f, 0.999f, 1e-8f, 0f);
    }

    UpdateRule rule() {
        return kind == Kind.SGD ? new SgdRule(momentum, weightDecay) : new AdamRule(beta1, beta2, epsilon, weightDecay);
    }
}
