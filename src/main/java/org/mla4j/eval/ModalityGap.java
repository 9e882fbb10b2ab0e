package org.mla4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The modality gap of Liang et al. (2022, "Mind the gap"): the Euclidean distance between the
 * centroids of two modalities' L2-normalised embeddings,
 *
 * <pre>
 * c_m = (1/n_m) Σ_i x_i / ‖x_i‖₂        over the n_m embeddings x_i of modality m
 * gap(a, b) = ‖c_a − c_b‖₂             in [0, 2]
 * </pre>
 *
 * Embeddings of norm zero (possible after a ReLU) have no direction: they are left out of the
 * centroid (and counted). Computed in double precision.
 */
public final class ModalityGap {
    private ModalityGap() {
    }

    /** A centroid and how many embeddings went into it (and how many were left out as zero). */
    public record Centroid(double[] vector, int used, int zero) {
    }

    /** The centroid of the L2-normalised rows of {@code embeddings} (all rows of one length). */
    public static Centroid centroid(float[][] embeddings) {
        if (embeddings.length == 0) {
            throw new IllegalArgumentException("no embeddings");
        }
        int d = embeddings[0].length;
        double[] sum = new double[d];
        int used = 0;
        int zero = 0;
        for (float[] row : embeddings) {
            if (row.length != d) {
                throw new IllegalArgumentException("embeddings of different lengths: " + d + " and " + row.length);
            }
            double norm = 0;
            for (float v : row) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                zero++;
                continue;
            }
            for (int j = 0; j < d; j++) {
                sum[j] += row[j] / norm;
            }
            used++;
        }
        if (used > 0) {
            for (int j = 0; j < d; j++) {
                sum[j] /= used;
            }
        }
        return new Centroid(sum, used, zero);
    }

    /** {@code ‖c_a − c_b‖₂} of two sets of embeddings of the same size. */
    public static double gap(float[][] a, float[][] b) {
        return distance(centroid(a).vector(), centroid(b).vector());
    }

    /** Euclidean distance between two vectors of one length. */
    public static double distance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** One pair of modalities and its gap. */
    public record Pair(String first, String second, double gap) {
        public String label() {
            return first + " – " + second;
        }
    }

    /** The gap of every pair of modalities (i &lt; j, in the order given). */
    public static List<Pair> pairs(List<String> names, List<float[][]> embeddings) {
        List<double[]> centroids = new ArrayList<>();
        for (float[][] e : embeddings) {
            centroids.add(centroid(e).vector());
        }
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                out.add(new Pair(names.get(i), names.get(j), distance(centroids.get(i), centroids.get(j))));
            }
        }
        return out;
    }
}
