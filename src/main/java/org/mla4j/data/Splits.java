package org.mla4j.data;

import java.util.Arrays;

/**
 * Row indices of the three parts of an experiment: {@code fit} (trains the model), {@code validation}
 * (model selection / early stopping) and {@code test} (reported only). Arrays are shared, not copied;
 * {@link ValidationSplit} returns each part sorted ascending and pairwise disjoint.
 */
public record Splits(int[] fit, int[] validation, int[] test) {

    /** {@code fit} and {@code validation} together, sorted ascending. */
    public int[] train() {
        int[] all = new int[fit.length + validation.length];
        System.arraycopy(fit, 0, all, 0, fit.length);
        System.arraycopy(validation, 0, all, fit.length, validation.length);
        Arrays.sort(all);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Splits s && Arrays.equals(fit, s.fit) && Arrays.equals(validation, s.validation)
                && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(fit) + Arrays.hashCode(validation)) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Splits[fit=" + fit.length + ", validation=" + validation.length + ", test=" + test.length + "]";
    }
}
