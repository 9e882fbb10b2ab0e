package org.mla4j.train;

import java.util.Arrays;

/**
 * Step decay: the learning rate is {@code base · factor^k} in an epoch (0-based) that comes after
 * k of the decay epochs. With base 0.01, factor 0.1 and decay at epoch 42, epochs 0–41 use 0.01
 * and epochs 42+ use 0.001.
 */
public record StepDecay(double base, double factor, int[] decayEpochs) implements LearningRateSchedule {

    public StepDecay {
        decayEpochs = decayEpochs.clone();
        Arrays.sort(decayEpochs);
    }

    @Override
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
