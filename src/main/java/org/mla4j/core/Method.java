package org.mla4j.core;

import java.util.List;
import org.mla4j.nn.ParameterGroup;

/**
 * A multimodal learning method: what its model is (its parameter groups), what one training batch
 * does, and how it predicts. The training loop, optimiser, data handling and evaluation are shared.
 */
public interface Method extends AutoCloseable {

    /** The method's name as used on the command line, e.g. {@code mla}. */
    String name();

    /** Every trainable part of the model, in a fixed order (model files and snapshots use it). */
    List<ParameterGroup> groups();

    /** One training batch: one or several optimiser steps through {@code step}. */
    void trainBatch(Batch batch, TrainingStep step);

    /**
     * Predicts a batch without gradients: per-modality logits where the method defines a unimodal
     * output, and fused logits over the modalities present in each sample.
     */
    Predictions predict(Batch batch);

    /** Extra state a checkpoint must hold beyond parameters and optimiser (e.g. HGM's P); may be empty. */
    default MethodState state() {
        return MethodState.NONE;
    }

    @Override
    void close();
}
