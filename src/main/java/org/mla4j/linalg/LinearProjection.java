package org.mla4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A fitted linear map of one view, {@code z = (x − μ) A}: {@code μ} is the view's centre ({@code d}
 * values) and {@code A} its {@code d × k} projection, stored row-major. Rows in, rows out, float64.
 */
public final class LinearProjection {
    private final double[] mean;
    private final DMatrixRMaj weights;

    /**
     * @param mean    the centre μ, length d
     * @param weights A, row-major {@code d × k}
     * @param k       the output width
     */
    public LinearProjection(double[] mean, double[] weights, int k) {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("expected a non-empty centre, got "
                    + (mean == null ? "null" : "length 0"));
        }
        if (k < 1 || weights == null || weights.length != (long) mean.length * k) {
            throw new IllegalArgumentException("expected a row-major " + mean.length + " × " + k
                    + " projection (" + (long) mean.length * Math.max(k, 0) + " values), got "
                    + (weights == null ? "null" : weights.length + " values"));
        }
        this.mean = mean.clone();
        this.weights = new DMatrixRMaj(mean.length, k, true, weights);
    }

    static LinearProjection of(double[] mean, DMatrixRMaj weights) {
        return new LinearProjection(mean, weights.data, weights.numCols);
    }

    /** Input width d. */
    public int inputDim() {
        return mean.length;
    }

    /** Output width k. */
    public int outputDim() {
        return weights.numCols;
    }

    /** A copy of the centre μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of A, row-major {@code d × k}. */
    public double[] weights() {
        return weights.data.clone();
    }

    /** Element (i, j) of A. */
    public double weight(int i, int j) {
        return weights.get(i, j);
    }

    /** {@code (x − μ) A} for every row of x: row-major {@code n × k}. */
    public double[] apply(RowMatrix x) {
        if (x.numCols() != mean.length) {
            throw new IllegalArgumentException("expected rows of width " + mean.length + ", got width " + x.numCols());
        }
        return Products.ab(x.centred(mean), weights).data;
    }
}
