package org.mla4j.train;

import org.mla4j.engine.OptimizerSpec;

/**
 * Settings of the shared training loop (method-specific options live with the methods).
 * {@code validateModalities}: whether every epoch's validation also scores each modality's own output.
 */
public record TrainConfig(int epochs, int batchSize, LearningRateSchedule schedule, OptimizerSpec optimizer,
                          long seed, TrainSettings.Selection selection, boolean validateModalities) {
    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /** Selection by validation accuracy alone (first epoch on ties). */
    public TrainConfig(int epochs, int batchSize, LearningRateSchedule schedule, OptimizerSpec optimizer, long seed) {
        this(epochs, batchSize, schedule, optimizer, seed, TrainSettings.Selection.ACCURACY, true);
    }

    /** SGD with momentum and weight decay. */
    public TrainConfig(int epochs, int batchSize, LearningRateSchedule schedule, float momentum, float weightDecay,
                       long seed) {
        this(epochs, batchSize, schedule, OptimizerSpec.sgd(momentum, weightDecay), seed);
    }
}
