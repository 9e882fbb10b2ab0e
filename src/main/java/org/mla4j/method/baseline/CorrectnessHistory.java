package org.mla4j.method.baseline;

import java.util.Arrays;

/**
 * Per training sample and modality, how often the modality's prediction was right on the
 * sample's past training visits: {@code r_m(i) = correct_m(i) / visits_m(i)} (0 before the first
 * visit). QMF's ranking loss asks confidences to be ordered like these values. Samples are
 * identified by their position in the fit split; the arrays grow as needed.
 */
public final class CorrectnessHistory {
    private int[][] correct;
    private int[][] visits;

    public CorrectnessHistory(int numModalities) {
        correct = new int[numModalities][0];
        visits = new int[numModalities][0];
    }

    /** {@code r_m(position)}. */
    public double rate(int m, int position) {
        if (position >= visits[m].length || visits[m][position] == 0) {
            return 0;
        }
        return correct[m][position] / (double) visits[m][position];
    }

    /** Records one visit of {@code position} for modality m. */
    public void record(int m, int position, boolean wasCorrect) {
        if (position >= visits[m].length) {
            int size = Math.max(position + 1, 2 * visits[m].length);
            visits[m] = Arrays.copyOf(visits[m], size);
            correct[m] = Arrays.copyOf(correct[m], size);
        }
        visits[m][position]++;
        correct[m][position] += wasCorrect ? 1 : 0;
    }

    /** Counts of modality m as {visits, correct} (for checkpoints). */
    public int[][] export(int m) {
        return new int[][] {visits[m].clone(), correct[m].clone()};
    }

    /** Restores modality m's counts. */
    public void restore(int m, int[] visitCounts, int[] correctCounts) {
        visits[m] = visitCounts.clone();
        correct[m] = correctCounts.clone();
    }
}
