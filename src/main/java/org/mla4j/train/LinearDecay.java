package org.mla4j.train;

/**
 * The MMIN/GCNet "linear" policy: the base rate for the first {@code constant} epochs, then a linear
 * decay over the rest. In 1-based epochs t = 1..E, {@code lr(t) = base · (1 − max(0, t − n)/(E − n + 1))}
 * with n = {@code constant}: with 20 + 80 epochs the last epoch runs at base/81.
 */
public record LinearDecay(double base, int constant, int epochs) implements LearningRateSchedule {
    public LinearDecay {
        if (constant < 0 || constant > epochs) {
            throw new IllegalArgumentException("constant epochs must be in 0.." + epochs + ", got " + constant);
        }
    }

    @Override
    public float at(int epoch) {
        int t = epoch + 1;
        return (float) (base * (1 - Math.max(0, t - constant) / (double) (epochs - constant + 1)));
    }
}
