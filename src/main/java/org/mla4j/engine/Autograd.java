package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Backward passes DJL's API has no call for. */
final class Autograd {
    private Autograd() {
    }

    /**
     * Backward from {@code target} with {@code gradient} as the loss's gradient at it: PyTorch's
     * {@code target.backward(gradient)}. The graph is freed afterwards.
     */
    static void backward(NDArray target, NDArray gradient) {
        if (!target.getShape().equals(gradient.getShape())) {
            throw new IllegalArgumentException("the gradient has shape " + gradient.getShape() + " but its target "
                    + target.getShape());
        }
        JniUtils.backward((PtNDArray) target, (PtNDArray) gradient, false, false);
    }
}
