package org.mla4j.core;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Supplier;
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

    /**
     * Before the first epoch (and again when a run is resumed, before its state is put back): a
     * method may look at the whole fit split, e.g. to fit a closed-form part (CCA) or to size
     * per-sample state (CPM-Net's latents). Deterministic for the same split.
     */
    default void prepare(TensorSplit fit, NDManager manager) {
    }

    /**
     * Whether training reads the values a simulated mask hid ({@link Batch#hidden}), as the
     * reconstruction targets of GCNet's autoencoder baselines do; the fit split then keeps them.
     */
    default boolean readsHiddenValues() {
        return false;
    }

    /** One training batch: one or several optimiser steps through {@code step}. */
    void trainBatch(Batch batch, TrainingStep step);

    /**
     * Whether the model after {@code epoch} (0-based) may be chosen by validation; false e.g. while a
     * two-stage method trains its teacher.
     */
    default boolean selectable(int epoch) {
        return true;
    }

    /**
     * After every epoch, before the validation split scores it: a method may fit what its prediction
     * needs beyond gradient training (e.g. MLA's fusion scales) to the validation split, from the
     * predictions {@code validation} computes when asked and the validation labels. Only the
     * validation split reaches this hook, never the test split.
     */
    default void calibrate(Supplier<Predictions> validation, int[] labels) {
    }

    /**
     * Predicts a batch without gradients: per-modality logits where the method defines a unimodal
     * output, and fused logits over the modalities present in each sample.
     */
    Predictions predict(Batch batch);

    /**
     * The fused logits of {@link #predict} with the same bits, the per-modality logits left out (null)
     * where a method computes them with extra passes ({@code f(0, …, x_m, …, 0)} per modality). The
     * per-epoch validation calls this when it is not asked for each modality's accuracy.
     */
    default Predictions predictFused(Batch batch) {
        return predict(batch);
    }

    /** Extra state a checkpoint must hold beyond parameters and optimiser (e.g. HGM's P); may be empty. */
    default MethodState state() {
        return MethodState.NONE;
    }

    @Override
    void close();
}
