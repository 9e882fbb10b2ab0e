package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A read-only view of a row-major {@code N × d} matrix held in a {@code float[]} or a {@code double[]}
 * (the layout of {@code MultimodalDataset.features(m)} and of {@code NDArray.toFloatArray()}),
 * optionally restricted to a subset of its rows, in the order given. Nothing is copied until a method
 * asks for a float64 matrix.
 *
 * <p>Row {@code i} of the view is row {@code rows[i]} of the backing array (or row {@code i} when no
 * subset is given).
 */
public final class RowMatrix {
    private final float[] floats;
    private final double[] doubles;
    private final int totalRows;
    private final int cols;
    private final int[] rows;

    private RowMatrix(float[] floats, double[] doubles, int totalRows, int cols, int[] rows) {
        this.floats = floats;
        this.doubles = doubles;
        this.totalRows = totalRows;
        this.cols = cols;
        this.rows = rows;
    }

    /** All {@code n} rows of a row-major {@code n × d} float array. */
    public static RowMatrix of(float[] data, int n, int d) {
        checkShape(data == null ? -1 : data.length, n, d);
        return new RowMatrix(data, null, n, d, null);
    }

    /** All {@code n} rows of a row-major {@code n × d} double array. */
    public static RowMatrix of(double[] data, int n, int d) {
        checkShape(data == null ? -1 : data.length, n, d);
        return new RowMatrix(null, data, n, d, null);
    }

    /**
     * The view restricted to the given rows of the backing array (indices into the backing array, not
     * into this view; any order, repeats allowed).
     */
    public RowMatrix select(int[] subset) {
        if (subset == null) {
            throw new IllegalArgumentException("expected an array of row indices, got null");
        }
        for (int i = 0; i < subset.length; i++) {
            if (subset[i] < 0 || subset[i] >= totalRows) {
                throw new IllegalArgumentException("row index " + subset[i] + " at position " + i
                        + " is outside the " + totalRows + " rows of the matrix");
            }
        }
        return new RowMatrix(floats, doubles, totalRows, cols, subset.clone());
    }

    /** Number of rows in the view. */
    public int numRows() {
        return rows == null ? totalRows : rows.length;
    }

    /** Row length d. */
    public int numCols() {
        return cols;
    }

    /** Element (i, j) of the view, as a double. */
    public double get(int i, int j) {
        if (i < 0 || i >= numRows() || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("element (" + i + ", " + j + ") is outside the " + numRows() + " × "
                    + cols + " view");
        }
        int offset = backingRow(i) * cols + j;
        return floats != null ? floats[offset] : doubles[offset];
    }

    /** The view's column means, in float64. */
    public double[] columnMeans() {
        int n = numRows();
        if (n == 0) {
            throw new IllegalArgumentException("cannot take the mean of 0 rows");
        }
        double[] mean = new double[cols];
        for (int i = 0; i < n; i++) {
            int offset = backingRow(i) * cols;
            for (int j = 0; j < cols; j++) {
                mean[j] += floats != null ? floats[offset + j] : doubles[offset + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    /** The view's rows minus {@code mean}, as a new float64 {@code numRows × d} matrix. */
    public DMatrixRMaj centred(double[] mean) {
        if (mean == null || mean.length != cols) {
            throw new IllegalArgumentException("expected a mean of length " + cols + " (the row width), got "
                    + (mean == null ? "null" : "length " + mean.length));
        }
        int n = numRows();
        DMatrixRMaj out = new DMatrixRMaj(n, cols);
        double[] o = out.data;
        for (int i = 0; i < n; i++) {
            int src = backingRow(i) * cols;
            int dst = i * cols;
            for (int j = 0; j < cols; j++) {
                o[dst + j] = (floats != null ? floats[src + j] : doubles[src + j]) - mean[j];
            }
        }
        return out;
    }

    /** The view's rows as a new float64 {@code numRows × d} matrix. */
    public DMatrixRMaj toMatrix() {
        return centred(new double[cols]);
    }

    private int backingRow(int i) {
        return rows == null ? i : rows[i];
    }

    private static void checkShape(int length, int n, int d) {
        if (length < 0) {
            throw new IllegalArgumentException("expected a row-major " + n + " × " + d + " array, got null");
        }
        if (n < 0 || d < 1) {
            throw new IllegalArgumentException("expected at least 0 rows and 1 column, got " + n + " × " + d);
        }
        if ((long) n * d != length) {
            throw new IllegalArgumentException("expected a row-major " + n + " × " + d + " array (" + (long) n * d
                    + " values), got " + length + " values");
        }
    }
}
