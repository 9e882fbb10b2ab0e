package org.mla4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;

/**
 * One split (fit, validation or test) held on the engine, standardised once: per modality an
 * {@code n × d} float tensor with zeros in the rows where the modality is absent, integer labels,
 * one-hot labels, and the presence flags on the host. Batches are gathered from it with one engine
 * call per tensor, so no per-sample objects exist during training.
 */
public final class TensorSplit implements AutoCloseable {
    private final String name;
    private final int[] rows;
    private final int[] labelValues;
    private final boolean[][] present;
    private final int numClasses;
    private final NDManager manager;
    private final NDArray[] features;
    private final NDArray labels;
    private final NDArray oneHot;

    private TensorSplit(String name, int[] rows, int[] labelValues, boolean[][] present, int numClasses,
                        NDManager manager, NDArray[] features, NDArray labels, NDArray oneHot) {
        this.name = name;
        this.rows = rows;
        this.labelValues = labelValues;
        this.present = present;
        this.numClasses = numClasses;
        this.manager = manager;
        this.features = features;
        this.labels = labels;
        this.oneHot = oneHot;
    }

    /** Standardises the given dataset rows and moves them to the engine. */
    public static TensorSplit build(String name, MultimodalDataset ds, Standardizer standardizer, int[] rows,
                                    NDManager parent) {
        NDManager manager = parent.newSubManager();
        int n = rows.length;
        int numModalities = ds.numModalities();
        NDArray[] features = new NDArray[numModalities];
        boolean[][] present = new boolean[numModalities][n];
        for (int m = 0; m < numModalities; m++) {
            int dim = ds.modality(m).dim();
            float[] values = standardizer.apply(m, ds.features(m), rows);
            for (int i = 0; i < n; i++) {
                present[m][i] = ds.isPresent(m, rows[i]);
                if (!present[m][i]) {
                    java.util.Arrays.fill(values, i * dim, (i + 1) * dim, 0f);
                }
            }
            features[m] = manager.create(values, new Shape(n, dim));
        }
        int[] labelValues = new int[n];
        long[] labelLongs = new long[n];
        for (int i = 0; i < n; i++) {
            labelValues[i] = ds.labels()[rows[i]];
            labelLongs[i] = labelValues[i];
        }
        NDArray labels = manager.create(labelLongs);
        NDArray oneHot = labels.oneHot(ds.numClasses());
        return new TensorSplit(name, rows.clone(), labelValues, present, ds.numClasses(), manager, features, labels,
                oneHot);
    }

    public String name() {
        return name;
    }

    public int size() {
        return rows.length;
    }

    /** Dataset row of each position in this split. */
    public int[] rows() {
        return rows;
    }

    public int[] labelValues() {
        return labelValues;
    }

    public int numModalities() {
        return features.length;
    }

    public int numClasses() {
        return numClasses;
    }

    public boolean[][] present() {
        return present;
    }

    /** Gathers the samples at {@code positions} (indices into this split) as a batch in {@code batchManager}. */
    public Batch batch(NDManager batchManager, int[] positions) {
        long[] idx = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            idx[i] = positions[i];
        }
        NDArray index = batchManager.create(idx);
        NDArray[] x = new NDArray[features.length];
        for (int m = 0; m < features.length; m++) {
            x[m] = take(features[m], index, batchManager);
        }
        return new Batch(batchManager, positions, x, take(labels, index, batchManager),
                take(oneHot, index, batchManager), presenceAt(positions));
    }

    /** The contiguous positions {@code [from, to)} as a batch (evaluation). */
    public Batch slice(NDManager batchManager, int from, int to) {
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        NDIndex range = new NDIndex("{}:{}", from, to);
        NDArray[] x = new NDArray[features.length];
        for (int m = 0; m < features.length; m++) {
            x[m] = attached(features[m].get(range), batchManager);
        }
        return new Batch(batchManager, positions, x, attached(labels.get(range), batchManager),
                attached(oneHot.get(range), batchManager), presenceAt(positions));
    }

    private boolean[][] presenceAt(int[] positions) {
        boolean[][] p = new boolean[present.length][positions.length];
        for (int m = 0; m < present.length; m++) {
            for (int i = 0; i < positions.length; i++) {
                p[m][i] = present[m][positions[i]];
            }
        }
        return p;
    }

    private static NDArray take(NDArray source, NDArray index, NDManager target) {
        return attached(source.get(index), target);
    }

    private static NDArray attached(NDArray array, NDManager target) {
        array.attach(target);
        return array;
    }

    @Override
    public void close() {
        manager.close();
    }
}
