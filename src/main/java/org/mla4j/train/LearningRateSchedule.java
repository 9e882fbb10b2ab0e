package org.mla4j.train;

import java.util.Arrays;

/**
 * Step decay: the learning rate is {@code base · factor^k} in an epoch (0-based) that comes after
 * k of the decay epochs. With base 0.01, factor 0.1 and decay at epoch 42, epochs 0–41 use 0.01
 * and epochs 42+ use 0.001.
 */
public record LearningRateSchedule(double base, double factor, int[] decayEpochs) {

    public LearningRateSchedule {
        decayEpochs = decayEpochs.clone();
        Arrays.sort(decayEpochs);
    }

    /** The default decay point: 70% of the run (epoch 42 of 60), as in the reference protocol. */
    public static int[] defaultDecayEpochs(int epochs) {
        return new int[] {(int) Math.round(0.7 * epochs)};
    }

    public float at(int epoch) {
        double lr = base;
        for (int e : decayEpochs) {
            if (epoch >= e) {
                lr *= factor;
            }
        }
        return (float) lr;
    }
}
