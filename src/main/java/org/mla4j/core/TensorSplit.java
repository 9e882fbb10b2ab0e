package org.mla4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;

/**
 * One split (fit, validation or test) held on the engine, standardised once: per modality an
 * {@code n × d} float tensor with zeros in the rows where the modality is absent, integer labels,
 * one-hot labels, and the presence flags on the host. Batches are gathered from it with one engine
 * call per tensor, so no per-sample objects exist during training.
 *
 * <p>A split built {@linkplain #buildWithHidden with hidden values} also keeps, per modality, the
 * standardised values a simulated mask hid (zeros elsewhere) and where they are: reconstruction and
 * imagination targets of the missing-modality baselines, for the fit split only.
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
    /** The split position of each row of these tensors (identity, or an epoch's shuffled order). */
    private final int[] positions;
    /** Per modality the hidden values (null when the modality has none here), and where they are. */
    private final NDArray[] hidden;
    private final boolean[][] hiddenAt;
    /** Rows per prediction batch ({@link #predictionRows()}). */
    private final int predictionRows;

    private TensorSplit(String name, int[] rows, int[] labelValues, boolean[][] present, int numClasses,
                        NDManager manager, NDArray[] features, NDArray labels, NDArray oneHot, int[] positions,
                        NDArray[] hidden, boolean[][] hiddenAt, int predictionRows) {
        this.name = name;
        this.predictionRows = predictionRows;
        this.positions = positions;
        this.rows = rows;
        this.labelValues = labelValues;
        this.present = present;
        this.numClasses = numClasses;
        this.manager = manager;
        this.features = features;
        this.labels = labels;
        this.oneHot = oneHot;
        this.hidden = hidden;
        this.hiddenAt = hiddenAt;
    }

    /** Standardises the given dataset rows and moves them to the engine. */
    public static TensorSplit build(String name, MultimodalDataset ds, Standardizer standardizer, int[] rows,
                                    NDManager parent) {
        return build(name, ds, standardizer, rows, parent, false);
    }

    /** As {@link #build}, keeping the values a simulated mask hid ({@link Batch#hidden}). */
    public static TensorSplit buildWithHidden(String name, MultimodalDataset ds, Standardizer standardizer,
                                              int[] rows, NDManager parent) {
        return build(name, ds, standardizer, rows, parent, true);
    }

    private static TensorSplit build(String name, MultimodalDataset ds, Standardizer standardizer, int[] rows,
                                     NDManager parent, boolean keepHidden) {
        NDManager manager = parent.newSubManager();
        int n = rows.length;
        int numModalities = ds.numModalities();
        NDArray[] features = new NDArray[numModalities];
        NDArray[] hidden = new NDArray[numModalities];
        boolean[][] present = new boolean[numModalities][n];
        boolean[][] hiddenAt = new boolean[numModalities][n];
        for (int m = 0; m < numModalities; m++) {
            int dim = ds.modality(m).dim();
            float[] values = standardizer.apply(m, ds.features(m), rows);
            float[] hiddenValues = null;
            for (int i = 0; i < n; i++) {
                present[m][i] = ds.isPresent(m, rows[i]);
                hiddenAt[m][i] = keepHidden && ds.hasHiddenValue(m, rows[i]);
                if (hiddenAt[m][i]) {
                    hiddenValues = hiddenValues == null ? new float[values.length] : hiddenValues;
                    System.arraycopy(values, i * dim, hiddenValues, i * dim, dim);
                }
                if (!present[m][i]) {
                    Arrays.fill(values, i * dim, (i + 1) * dim, 0f);
                }
            }
            features[m] = manager.create(values, new Shape(n, dim));
            hidden[m] = hiddenValues == null ? null : manager.create(hiddenValues, new Shape(n, dim));
        }
        int[] labelValues = new int[n];
        long[] labelLongs = new long[n];
        for (int i = 0; i < n; i++) {
            labelValues[i] = ds.labels()[rows[i]];
            labelLongs[i] = labelValues[i];
        }
        NDArray labels = manager.create(labelLongs);
        NDArray oneHot = labels.oneHot(ds.numClasses());
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        return new TensorSplit(name, rows.clone(), labelValues, present, ds.numClasses(), manager, features, labels,
                oneHot, identity, hidden, hiddenAt, predictionRows(ds));
    }

    /** Most rows a prediction batch holds: flat features are cheap per row. */
    static final int MAX_PREDICTION_ROWS = 1024;
    /** What a spatial modality's widest activation may take per batch (see {@link #predictionRows()}). */
    private static final long ACTIVATION_BUDGET_BYTES = 8L << 20;

    /**
     * Rows per batch when predicting: as many as keep the widest activation of a convolutional
     * encoder (taken as 32 channels at the input's full resolution, SmallCnn's first stage) within 8
     * MiB, a power of two from 8 to 1,024. A spatial modality is encoded by a CNN by default, and a
     * batch of 1,024 images makes 100 MB activations that miss every cache and are page-faulted in
     * afresh each time: on the small CNN batches of 64 predict twice as fast; flat features keep
     * 1,024 rows, where larger batches are faster.
     */
    private static int predictionRows(MultimodalDataset ds) {
        long widest = 0;
        for (int m = 0; m < ds.numModalities(); m++) {
            if (ds.modality(m).isSpatial()) {
                List<Integer> shape = ds.modality(m).shape();
                widest = Math.max(widest, 32L * shape.get(1) * shape.get(2) * Float.BYTES);
            }
        }
        if (widest == 0) {
            return MAX_PREDICTION_ROWS;
        }
        long rows = Math.max(1, ACTIVATION_BUDGET_BYTES / widest);
        return (int) Math.max(8, Math.min(MAX_PREDICTION_ROWS, Long.highestOneBit(rows)));
    }

    /** Rows per batch when predicting over this split (speed only: predictions are per sample). */
    public int predictionRows() {
        return predictionRows;
    }

    /**
     * This split with its samples in {@code order} (positions of this split), gathered with one engine
     * call per tensor: an epoch reorders once and then takes each batch as a contiguous {@link #slice},
     * which is cheaper than gathering every batch. Batches of the result still report the original
     * positions. Close it (or its manager's parent) when the epoch ends.
     */
    public TensorSplit reordered(int[] order, NDManager parent) {
        NDManager target = parent.newSubManager();
        long[] idx = new long[order.length];
        int[] rowsOut = new int[order.length];
        int[] labelsOut = new int[order.length];
        int[] positionsOut = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            idx[i] = order[i];
            rowsOut[i] = rows[order[i]];
            labelsOut[i] = labelValues[order[i]];
            positionsOut[i] = positions[order[i]];
        }
        NDArray index = target.create(idx);
        NDArray[] x = new NDArray[features.length];
        NDArray[] h = new NDArray[features.length];
        for (int m = 0; m < features.length; m++) {
            x[m] = take(features[m], index, target);
            h[m] = hidden[m] == null ? null : take(hidden[m], index, target);
        }
        return new TensorSplit(name, rowsOut, labelsOut, flagsAt(present, order), numClasses, target, x,
                take(labels, index, target), take(oneHot, index, target), positionsOut, h, flagsAt(hiddenAt, order),
                predictionRows);
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
        NDArray[] h = new NDArray[features.length];
        for (int m = 0; m < features.length; m++) {
            x[m] = take(features[m], index, batchManager);
            h[m] = hidden[m] == null ? null : take(hidden[m], index, batchManager);
        }
        int[] original = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            original[i] = this.positions[positions[i]];
        }
        return new Batch(batchManager, original, x, take(labels, index, batchManager),
                take(oneHot, index, batchManager), flagsAt(present, positions), h, flagsAt(hiddenAt, positions));
    }

    /** The contiguous positions {@code [from, to)} as a batch (evaluation). */
    public Batch slice(NDManager batchManager, int from, int to) {
        int[] local = new int[to - from];
        for (int i = 0; i < local.length; i++) {
            local[i] = from + i;
        }
        NDIndex range = new NDIndex("{}:{}", from, to);
        NDArray[] x = new NDArray[features.length];
        NDArray[] h = new NDArray[features.length];
        for (int m = 0; m < features.length; m++) {
            x[m] = attached(features[m].get(range), batchManager);
            h[m] = hidden[m] == null ? null : attached(hidden[m].get(range), batchManager);
        }
        return new Batch(batchManager, Arrays.copyOfRange(positions, from, to), x,
                attached(labels.get(range), batchManager), attached(oneHot.get(range), batchManager),
                flagsAt(present, local), h, flagsAt(hiddenAt, local));
    }

    private static boolean[][] flagsAt(boolean[][] flags, int[] positions) {
        boolean[][] p = new boolean[flags.length][positions.length];
        for (int m = 0; m < flags.length; m++) {
            for (int i = 0; i < positions.length; i++) {
                p[m][i] = flags[m][positions[i]];
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
