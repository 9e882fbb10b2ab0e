package org.mla4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.mla4j.io.InvalidInputException;

/**
 * Carves a stratified validation set out of training rows, deterministically for a seed.
 *
 * <p>Procedure (reproducible elsewhere): one {@code java.util.Random(seed)} is created; for each class
 * c = 0, 1, … in order, that class's training rows are sorted ascending and shuffled in place by
 * Fisher–Yates ({@code for i = n-1 down to 1: swap(i, random.nextInt(i + 1))}); the first
 * k<sub>c</sub> become validation rows, where k<sub>c</sub> = 0 if {@code fraction == 0}, else
 * {@code max(1, Math.round(fraction · n_c))} capped at {@code n_c − 1}, so every class keeps at least
 * one fit row (a class with one training row stays in fit). The returned fit and validation arrays are
 * sorted ascending, disjoint, and together equal the training rows.
 */
public final class ValidationSplit {
    /** Largest accepted validation fraction. */
    public static final double MAX_FRACTION = 0.9;

    private ValidationSplit() {
    }

    /** The dataset's train rows split into fit and validation; test is the dataset's test rows. */
    public static Splits carve(MultimodalDataset ds, double fraction, long seed) {
        Splits s = carve(ds.trainIndices(), ds.labels(), ds.numClasses(), fraction, seed);
        return new Splits(s.fit(), s.validation(), ds.testIndices());
    }

    /**
     * Splits {@code trainIndices} into fit and validation; the returned test part is empty.
     *
     * @throws InvalidInputException if {@code fraction} is not in [0, {@value #MAX_FRACTION}]
     * @throws IllegalArgumentException if an index is out of range or repeated, or a label is not in
     *                                  [0, numClasses)
     */
    public static Splits carve(int[] trainIndices, int[] labels, int numClasses, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= MAX_FRACTION)) {
            throw new InvalidInputException("validation fraction " + fraction + " is outside [0, " + MAX_FRACTION + "]");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        boolean[] seen = new boolean[labels.length];
        for (int row : trainIndices) {
            if (row < 0 || row >= labels.length || seen[row]) {
                throw new IllegalArgumentException("training row " + row + " is out of range or repeated");
            }
            seen[row] = true;
            int label = labels[row];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("row " + row + " has label " + label + " outside [0, " + numClasses + ")");
            }
            byClass.get(label).add(row);
        }
        Random random = new Random(seed);
        int[] fit = new int[trainIndices.length];
        int[] validation = new int[trainIndices.length];
        int nFit = 0;
        int nVal = 0;
        for (List<Integer> rowsOfClass : byClass) {
            int[] rows = rowsOfClass.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i = rows.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            int k = validationCount(rows.length, fraction);
            for (int i = 0; i < rows.length; i++) {
                if (i < k) {
                    validation[nVal++] = rows[i];
                } else {
                    fit[nFit++] = rows[i];
                }
            }
        }
        int[] f = Arrays.copyOf(fit, nFit);
        int[] v = Arrays.copyOf(validation, nVal);
        Arrays.sort(f);
        Arrays.sort(v);
        return new Splits(f, v, new int[0]);
    }

    /** How many of a class's {@code n} training rows go to validation. */
    static int validationCount(int n, double fraction) {
        if (fraction == 0 || n <= 1) {
            return 0;
        }
        return (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
    }
}
