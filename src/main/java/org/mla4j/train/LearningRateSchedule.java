package org.mla4j.train;

/** The learning rate of each epoch (0-based). */
public interface LearningRateSchedule {
    float at(int epoch);

    /** Step decay: {@code base · factor^k} in an epoch that comes after k of the decay epochs. */
    static LearningRateSchedule step(double base, double factor, int[] decayEpochs) {
        return new StepDecay(base, factor, decayEpochs);
    }

    /** The default decay point of step decay: 70% of the run (epoch 42 of 60), as in the reference protocol. */
    static int[] defaultDecayEpochs(int epochs) {
        return new int[] {(int) Math.round(0.7 * epochs)};
    }
}
