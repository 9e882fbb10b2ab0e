package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A backward pass cut in two at an encoder's output, so that its halves can run on different
 * threads. The head reads {@link #headInput()}, a copy of the features that starts its own graph;
 * backward from the loss then stops there, leaving the loss's gradient at the features in that
 * copy. {@link #encoderPart()} carries it on through the encoder. Together they give the same
 * gradients, bit for bit, as one backward pass through both (the chain rule runs the same products
 * in the same order), and PyTorch lets separate graphs run backward on separate threads.
 */
public final class FeatureCut {
    private final NDArray features;
    private final NDArray headInput;

    /** Cuts after {@code features}, the encoder's output, recorded with gradients on. */
    public FeatureCut(NDArray features) {
        this.features = features;
        this.headInput = features.stopGradient();
        headInput.setRequiresGradient(true);
    }

    /** What the head reads instead of the features themselves. */
    public NDArray headInput() {
        return headInput;
    }

    /**
     * The encoder's half of the backward pass, for after the head's half has run. It owns the two
     * arrays it reads (the features, which hold the encoder's graph, and their gradient), so it may
     * run after the batch that made them is closed; it frees them when it ends.
     */
    public Runnable encoderPart() {
        NDArray gradient = headInput.getGradient();
        features.detach();
        gradient.detach();
        return () -> {
            try {
                JniUtils.backward((PtNDArray) features, (PtNDArray) gradient, false, false);
            } finally {
                features.close();
                gradient.close();
            }
        };
    }
}
