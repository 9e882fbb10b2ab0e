package org.mla4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A mini-batch on the engine: per modality an {@code n × d} tensor (zeros where the modality is
 * absent), integer and one-hot labels, and presence flags on the host. All arrays live in the
 * batch's manager, which the caller closes after the step.
 */
public final class Batch {
    private final NDManager manager;
    private final int[] positions;
    private final NDArray[] features;
    private final NDArray labels;
    private final NDArray oneHot;
    private final boolean[][] present;
    private final int[] presentCount;
    private final NDArray[] hidden;
    private final boolean[][] hiddenAt;

    Batch(NDManager manager, int[] positions, NDArray[] features, NDArray labels, NDArray oneHot,
          boolean[][] present, NDArray[] hidden, boolean[][] hiddenAt) {
        this.hidden = hidden;
        this.hiddenAt = hiddenAt;
        this.manager = manager;
        this.positions = positions;
        this.features = features;
        this.labels = labels;
        this.oneHot = oneHot;
        this.present = present;
        this.presentCount = new int[present.length];
        for (int m = 0; m < present.length; m++) {
            for (boolean p : present[m]) {
                presentCount[m] += p ? 1 : 0;
            }
        }
    }

    /** Samples of a batch restricted to one modality's present rows. */
    public record Subset(NDArray features, NDArray labels, NDArray oneHot, int size) {
    }

    public NDManager manager() {
        return manager;
    }

    public int size() {
        return positions.length;
    }

    /** Positions of the batch's samples within their split. */
    public int[] positions() {
        return positions;
    }

    public int numModalities() {
        return features.length;
    }

    /** Standardised features of modality m for every sample (zeros where absent). */
    public NDArray features(int m) {
        return features[m];
    }

    public NDArray labels() {
        return labels;
    }

    public NDArray oneHot() {
        return oneHot;
    }

    public boolean isPresent(int m, int i) {
        return present[m][i];
    }

    /** Presence flags of modality m over the batch (do not modify). */
    public boolean[] present(int m) {
        return present[m];
    }

    public int presentCount(int m) {
        return presentCount[m];
    }

    /**
     * The standardised values of modality m that a simulated mask hid in this batch (zeros in the other
     * rows), or null when there are none: reconstruction targets, available in the fit split only.
     */
    public NDArray hidden(int m) {
        return hidden[m];
    }

    /** Whether sample i's modality m is hidden by a simulated mask and its value is in {@link #hidden}. */
    public boolean isHidden(int m, int i) {
        return hiddenAt[m][i];
    }

    /** The samples that have modality m (the whole batch when all have it; empty size when none). */
    public Subset only(int m) {
        int count = presentCount[m];
        if (count == positions.length || count == 0) {
            return new Subset(features[m], labels, oneHot, count);
        }
        long[] idx = new long[count];
        int k = 0;
        for (int i = 0; i < positions.length; i++) {
            if (present[m][i]) {
                idx[k++] = i;
            }
        }
        NDArray index = manager.create(idx);
        return new Subset(features[m].get(index), labels.get(index), oneHot.get(index), count);
    }
}
