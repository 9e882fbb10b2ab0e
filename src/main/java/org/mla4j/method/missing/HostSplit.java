package org.mla4j.method.missing;

import ai.djl.ndarray.NDManager;
import org.mla4j.core.Batch;
import org.mla4j.core.TensorSplit;

/**
 * A host copy of a split, for closed-form fits: per modality its standardised features (row-major
 * {@code n × d_m}, zeros where absent) and presence flags, and the labels.
 */
final class HostSplit {
    private final float[][] features;
    private final int[] dims;
    private final boolean[][] present;
    private final int[] labels;
    private final int numClasses;

    private HostSplit(float[][] features, int[] dims, boolean[][] present, int[] labels, int numClasses) {
        this.features = features;
        this.dims = dims;
        this.present = present;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /** Copies {@code split} to the host (through a temporary sub-manager of {@code manager}). */
    static HostSplit of(TensorSplit split, NDManager manager) {
        int numModalities = split.numModalities();
        float[][] features = new float[numModalities][];
        int[] dims = new int[numModalities];
        try (NDManager temp = manager.newSubManager()) {
            Batch all = split.slice(temp, 0, split.size());
            for (int m = 0; m < numModalities; m++) {
                features[m] = all.features(m).toFloatArray();
                dims[m] = (int) all.features(m).getShape().get(1);
            }
        }
        return new HostSplit(features, dims, split.present(), split.labelValues(), split.numClasses());
    }

    int size() {
        return labels.length;
    }

    int numModalities() {
        return features.length;
    }

    float[] features(int m) {
        return features[m];
    }

    int dim(int m) {
        return dims[m];
    }

    boolean[] present(int m) {
        return present[m];
    }

    /** How many rows observe modality m. */
    int observed(int m) {
        int count = 0;
        for (boolean p : present[m]) {
            count += p ? 1 : 0;
        }
        return count;
    }

    int[] labels() {
        return labels;
    }

    int numClasses() {
        return numClasses;
    }
}
