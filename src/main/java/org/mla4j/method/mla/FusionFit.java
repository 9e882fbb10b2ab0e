package org.mla4j.method.mla;

import java.util.Arrays;

/**
 * Fits per-modality logit scales for MLA's test-time fusion on validation predictions: the fused
 * logits of sample i are built from {@code c_m·f_m(x_i)} instead of {@code f_m(x_i)}.
 *
 * <p>Both fits minimise a cross-entropy against label-smoothed targets
 * {@code q = (1 − ε)·onehot(y) + ε/C} with {@code ε = 1/(n + 1)} (n = the samples the fit sees):
 *
 * <pre>
 *   L(c) = (1/n) Σ_i [ logsumexp(z_i) − Σ_k q_k z_ik ],   z_i = Σ_m a_im c_m f_m(x_i)
 * </pre>
 *
 * L is convex in c (a log-sum-exp of a linear map minus a linear term). The smoothing counts one
 * pseudo-sample's worth of doubt, so a modality that separates the validation split perfectly gets a
 * finite scale instead of an infinite one (plain likelihood would push c to infinity there).
 * <ul>
 *   <li>{@link #temperatures}: each modality alone ({@code a_im} = 1 where m is present), i.e.
 *       temperature scaling (Guo et al. 2017) with {@code c_m = 1/T_m};</li>
 *   <li>{@link #weights}: all scales jointly for the mean rule ({@code a_im = 1/|present(i)|} where m
 *       is present): the product-of-experts weights that best predict the validation labels.</li>
 * </ul>
 * Solved by projected Newton steps on the box {@code [0, MAX_SCALE]} with backtracking.
 */
public final class FusionFit {
    /** Upper bound of a scale: a safety net; the smoothing keeps optima far below it. */
    public static final double MAX_SCALE = 1000;
    private static final int MAX_ITERATIONS = 100;

    private FusionFit() {
    }

    /**
     * Per-modality scales {@code c_m = 1/T_m}, each fitted on the samples that have m alone; 1 for a
     * modality with no such sample (or no unimodal logits).
     */
    public static double[] temperatures(float[][] logits, boolean[][] present, int[] labels, int numSamples,
                                        int numClasses) {
        int numModalities = logits.length;
        double[] scales = new double[numModalities];
        for (int m = 0; m < numModalities; m++) {
            scales[m] = 1;
            if (logits[m] == null) {
                continue;
            }
            double[][] coefficient = new double[1][numSamples];
            boolean any = false;
            for (int i = 0; i < numSamples; i++) {
                coefficient[0][i] = present[m][i] ? 1 : 0;
                any |= present[m][i];
            }
            if (any) {
                scales[m] = minimise(new float[][] {logits[m]}, coefficient, labels, numSamples, numClasses)[0];
            }
        }
        return scales;
    }

    /** Scales fitted jointly for the mean of the present modalities' scaled logits. */
    public static double[] weights(float[][] logits, boolean[][] present, int[] labels, int numSamples,
                                   int numClasses) {
        int numModalities = logits.length;
        double[][] coefficient = new double[numModalities][numSamples];
        for (int i = 0; i < numSamples; i++) {
            int count = 0;
            for (int m = 0; m < numModalities; m++) {
                count += logits[m] != null && present[m][i] ? 1 : 0;
            }
            for (int m = 0; m < numModalities; m++) {
                coefficient[m][i] = count > 0 && logits[m] != null && present[m][i] ? 1.0 / count : 0;
            }
        }
        float[][] usable = new float[numModalities][];
        for (int m = 0; m < numModalities; m++) {
            usable[m] = logits[m] == null ? new float[numSamples * numClasses] : logits[m];
        }
        return minimise(usable, coefficient, labels, numSamples, numClasses);
    }

    /** The smoothing ε for a fit over n samples. */
    public static double smoothing(int n) {
        return 1.0 / (n + 1);
    }

    /**
     * The smoothed cross-entropy L(c) and, when {@code gradient}/{@code hessian} are not null, its
     * derivatives; samples whose coefficients are all zero are not counted.
     */
    static double objective(double[] c, float[][] f, double[][] a, int[] labels, int n, int numClasses,
                            double[] gradient, double[][] hessian) {
        int dims = c.length;
        int counted = 0;
        for (int i = 0; i < n; i++) {
            counted += active(a, i) ? 1 : 0;
        }
        double eps = smoothing(counted);
        double value = 0;
        double[] z = new double[numClasses];
        double[] e = new double[dims];
        double[] t = new double[dims];
        if (gradient != null) {
            Arrays.fill(gradient, 0);
            for (double[] row : hessian) {
                Arrays.fill(row, 0);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!active(a, i)) {
                continue;
            }
            int offset = i * numClasses;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < numClasses; k++) {
                double v = 0;
                for (int m = 0; m < dims; m++) {
                    v += a[m][i] * c[m] * f[m][offset + k];
                }
                z[k] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int k = 0; k < numClasses; k++) {
                sum += Math.exp(z[k] - max);
            }
            double logSum = max + Math.log(sum);
            double targetDot = (1 - eps) * z[labels[i]];
            for (int k = 0; k < numClasses; k++) {
                targetDot += eps / numClasses * z[k];
            }
            value += logSum - targetDot;
            if (gradient == null) {
                continue;
            }
            for (int k = 0; k < numClasses; k++) {
                z[k] = Math.exp(z[k] - logSum); // z now holds the probabilities
            }
            for (int m = 0; m < dims; m++) {
                double em = 0;
                double tm = 0;
                for (int k = 0; k < numClasses; k++) {
                    double p = z[k];
                    double x = a[m][i] * f[m][offset + k];
                    em += p * x;
                    tm += (eps / numClasses + (k == labels[i] ? 1 - eps : 0)) * x;
                }
                e[m] = em;
                t[m] = tm;
                gradient[m] += em - tm;
            }
            for (int k = 0; k < numClasses; k++) {
                double p = z[k];
                for (int m = 0; m < dims; m++) {
                    double xm = a[m][i] * f[m][offset + k];
                    for (int q = 0; q <= m; q++) {
                        hessian[m][q] += p * xm * a[q][i] * f[q][offset + k];
                    }
                }
            }
            for (int m = 0; m < dims; m++) {
                for (int q = 0; q <= m; q++) {
                    hessian[m][q] -= e[m] * e[q];
                }
            }
        }
        double scale = counted == 0 ? 0 : 1.0 / counted;
        if (gradient != null) {
            for (int m = 0; m < dims; m++) {
                gradient[m] *= scale;
                for (int q = 0; q <= m; q++) {
                    hessian[m][q] *= scale;
                    hessian[q][m] = hessian[m][q];
                }
            }
        }
        return value * scale;
    }

    private static boolean active(double[][] a, int i) {
        for (double[] row : a) {
            if (row[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Projected Newton on [0, MAX_SCALE]^dims from c = 1, with Armijo backtracking. */
    static double[] minimise(float[][] f, double[][] a, int[] labels, int n, int numClasses) {
        int dims = f.length;
        double[] c = new double[dims];
        Arrays.fill(c, 1);
        double[] g = new double[dims];
        double[][] h = new double[dims][dims];
        double value = objective(c, f, a, labels, n, numClasses, g, h);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean[] free = new boolean[dims];
            double largest = 0;
            for (int m = 0; m < dims; m++) {
                // a scale at a bound whose gradient pushes it further out stays there this step
                free[m] = !(c[m] <= 0 && g[m] > 0) && !(c[m] >= MAX_SCALE && g[m] < 0);
                if (free[m]) {
                    largest = Math.max(largest, Math.abs(g[m]));
                }
            }
            if (largest < 1e-10) {
                break;
            }
            double[] direction = newtonDirection(h, g, free);
            double slope = 0;
            for (int m = 0; m < dims; m++) {
                slope += g[m] * direction[m];
            }
            if (!(slope < 0)) {
                for (int m = 0; m < dims; m++) {
                    direction[m] = free[m] ? -g[m] : 0; // Hessian not positive on the free set: steepest descent
                }
                slope = 0;
                for (int m = 0; m < dims; m++) {
                    slope += g[m] * direction[m];
                }
            }
            double step = 1;
            double[] next = new double[dims];
            double nextValue = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < 60; halving++) {
                for (int m = 0; m < dims; m++) {
                    next[m] = Math.min(MAX_SCALE, Math.max(0, c[m] + step * direction[m]));
                }
                nextValue = objective(next, f, a, labels, n, numClasses, null, null);
                if (nextValue <= value + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted || value - nextValue < 1e-15) {
                if (accepted) {
                    c = next;
                }
                break;
            }
            c = next;
            value = objective(c, f, a, labels, n, numClasses, g, h);
        }
        return c;
    }

    /**
     * Solves {@code (H_FF + μI) d_F = −g_F} on the free coordinates by Cholesky (d = 0 elsewhere), μ = 0
     * first and grown from 1e-10·(1 + max diagonal) by ×100 while the matrix is not positive definite
     * (e.g. a modality with all-zero logits has a zero row); zeros when even that fails.
     */
    static double[] newtonDirection(double[][] h, double[] g, boolean[] free) {
        int dims = g.length;
        int[] index = new int[dims];
        int size = 0;
        double maxDiagonal = 0;
        for (int m = 0; m < dims; m++) {
            if (free[m]) {
                index[size++] = m;
                maxDiagonal = Math.max(maxDiagonal, Math.abs(h[m][m]));
            }
        }
        double ridge = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            double[] direction = solve(h, g, index, size, ridge, dims);
            if (direction != null) {
                return direction;
            }
            ridge = ridge == 0 ? 1e-10 * (1 + maxDiagonal) : ridge * 100;
        }
        return new double[dims];
    }

    private static double[] solve(double[][] h, double[] g, int[] index, int size, double ridge, int dims) {
        double[][] l = new double[size][size];
        for (int r = 0; r < size; r++) {
            for (int col = 0; col <= r; col++) {
                double sum = h[index[r]][index[col]] + (r == col ? ridge : 0);
                for (int k = 0; k < col; k++) {
                    sum -= l[r][k] * l[col][k];
                }
                if (r == col) {
                    if (!(sum > 1e-14)) {
                        return null;
                    }
                    l[r][r] = Math.sqrt(sum);
                } else {
                    l[r][col] = sum / l[col][col];
                }
            }
        }
        double[] y = new double[size];
        for (int r = 0; r < size; r++) {
            double sum = -g[index[r]];
            for (int k = 0; k < r; k++) {
                sum -= l[r][k] * y[k];
            }
            y[r] = sum / l[r][r];
        }
        double[] direction = new double[dims];
        for (int r = size - 1; r >= 0; r--) {
            double sum = y[r];
            for (int k = r + 1; k < size; k++) {
                sum -= l[k][r] * direction[index[k]];
            }
            direction[index[r]] = sum / l[r][r];
        }
        return direction;
    }
}
