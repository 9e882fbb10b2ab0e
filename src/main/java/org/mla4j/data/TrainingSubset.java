package org.mla4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A stratified share of the fit rows, for accuracy against the training-set size: the same share
 * of every class, chosen deterministically for a seed, each smaller share a subset of every larger
 * one (the curve then measures the amount of data, not which rows were drawn).
 *
 * <p>Procedure (reproducible elsewhere): one {@code java.util.Random(seed ^ SALT)} is created; for
 * each class c = 0, 1, … in order, that class's fit rows are sorted ascending and shuffled by
 * Fisher–Yates ({@code for i = n-1 down to 1: swap(i, random.nextInt(i + 1))}); the first
 * k<sub>c</sub> = {@code max(1, Math.round(fraction · n_c))} (at most n<sub>c</sub>) are kept. A class
 * without fit rows keeps none. The result is sorted ascending. The salt keeps this stream apart from
 * the validation carve's, which uses the same seed ({@link ValidationSplit}).
 */
public final class TrainingSubset {
    /** Mixed into the seed so that the subset is not drawn with the validation carve's random numbers. */
    static final long SALT = 0x7261696E66726163L;

    private TrainingSubset() {
    }

    /**
     * The kept fit rows; {@code fraction == 1} returns a copy of {@code fitRows}, sorted.
     *
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1] or a label is outside [0, numClasses)
     */
    public static int[] stratified(int[] fitRows, int[] labels, int numClasses, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("training fraction " + fraction + " is outside (0, 1]");
        }
        int[] sorted = fitRows.clone();
        Arrays.sort(sorted);
        if (fraction == 1) {
            return sorted;
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int row : sorted) {
            int label = labels[row];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("row " + row + " has label " + label + " outside [0, " + numClasses + ")");
            }
            byClass.get(label).add(row);
        }
        Random random = new Random(seed ^ SALT);
        int[] kept = new int[sorted.length];
        int n = 0;
        for (List<Integer> rowsOfClass : byClass) {
            int[] rows = rowsOfClass.stream().mapToInt(Integer::intValue).toArray();
            for (int i = rows.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            int k = rows.length == 0 ? 0 : (int) Math.min(rows.length, Math.max(1, Math.round(fraction * rows.length)));
            System.arraycopy(rows, 0, kept, n, k);
            n += k;
        }
        int[] out = Arrays.copyOf(kept, n);
        Arrays.sort(out);
        return out;
    }
}
