package org.mla4j.eval;

/**
 * Principal component analysis to a few dimensions, for pictures of embeddings: the rows are
 * centred on their mean and projected on the leading eigenvectors of their covariance matrix
 * {@code (1/n) Σ (x_i − μ)(x_i − μ)ᵀ}. The eigenvectors are found by power iteration with
 * deflation in double precision, from a fixed start, so the result is deterministic; each
 * component's sign is chosen so that its largest-magnitude entry is positive.
 */
public final class Pca {
    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-12;

    /**
     * A fitted projection.
     *
     * @param mean               the centre
     * @param components         the unit component vectors, leading first
     * @param explainedVariance  each component's variance (its eigenvalue)
     * @param totalVariance      the trace of the covariance, so {@code explainedVariance[k] / totalVariance} is
     *                           the share of the variance component k explains
     */
    public record Fit(double[] mean, double[][] components, double[] explainedVariance, double totalVariance) {
        /** The coordinates of {@code rows} on the components. */
        public double[][] project(float[][] rows) {
            double[][] out = new double[rows.length][components.length];
            for (int i = 0; i < rows.length; i++) {
                for (int k = 0; k < components.length; k++) {
                    double s = 0;
                    for (int j = 0; j < mean.length; j++) {
                        s += (rows[i][j] - mean[j]) * components[k][j];
                    }
                    out[i][k] = s;
                }
            }
            return out;
        }

        /** The share of the total variance component k explains (0 when there is no variance). */
        public double explainedRatio(int k) {
            return totalVariance > 0 ? explainedVariance[k] / totalVariance : 0;
        }
    }

    private Pca() {
    }

    /** Fits {@code k} components to the rows (n ≥ 1, all of one length d ≥ k). */
    public static Fit fit(float[][] rows, int k) {
        int n = rows.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows");
        }
        int d = rows[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("cannot take " + k + " components of " + d + "-dimensional rows");
        }
        double[] mean = new double[d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                if (ca == 0) {
                    continue;
                }
                double[] line = cov[a];
                for (int b = a; b < d; b++) {
                    line[b] += ca * c[b];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n;
                cov[b][a] = cov[a][b];
            }
            trace += cov[a][a];
        }
        double[][] components = new double[k][];
        double[] variance = new double[k];
        for (int comp = 0; comp < k; comp++) {
            double[] v = leadingEigenvector(cov, comp);
            double lambda = rayleigh(cov, v);
            components[comp] = v;
            variance[comp] = Math.max(0, lambda);
            for (int a = 0; a < d; a++) { // deflate: cov ← cov − λ v vᵀ
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * v[a] * v[b];
                }
            }
        }
        return new Fit(mean, components, variance, trace);
    }

    private static double[] leadingEigenvector(double[][] m, int salt) {
        int d = m.length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = 1.0 + 0.01 * ((j * 31 + salt * 17) % 97); // fixed, generic start (not orthogonal to anything likely)
        }
        normalise(v);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] w = multiply(m, v);
            double norm = normalise(w);
            if (norm == 0) {
                return signed(v); // the remaining matrix is zero: any unit vector will do
            }
            double change = 0;
            for (int j = 0; j < d; j++) {
                change = Math.max(change, Math.abs(w[j] - v[j]));
            }
            v = w;
            if (change < TOLERANCE) {
                break;
            }
        }
        return signed(v);
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            double s = 0;
            double[] line = m[a];
            for (int b = 0; b < v.length; b++) {
                s += line[b] * v[b];
            }
            out[a] = s;
        }
        return out;
    }

    private static double rayleigh(double[][] m, double[] v) {
        double[] mv = multiply(m, v);
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            s += v[j] * mv[j];
        }
        return s;
    }

    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
        return norm;
    }

    private static double[] signed(double[] v) {
        int largest = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
        return v;
    }
}
