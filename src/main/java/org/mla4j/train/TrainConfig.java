package org.mla4j.train;

/** Settings of the shared training loop (method-specific options live with the methods). */
public record TrainConfig(int epochs, int batchSize, LearningRateSchedule schedule, float momentum,
                          float weightDecay, long seed) {
    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }
}
