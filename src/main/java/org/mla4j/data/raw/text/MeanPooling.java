package org.mla4j.data.raw.text;

/**
 * Sentence-Transformers' mean pooling and normalisation, as all-MiniLM-L6-v2's authors define its
 * sentence embedding: for token embeddings {@code h[b][t][d]} and attention mask {@code m[b][t]},
 *
 * <pre>  e[b][d] = Σ_t m[b][t]·h[b][t][d] / max(Σ_t m[b][t], 1e-9)</pre>
 *
 * then {@code e[b] / max(‖e[b]‖₂, 1e-12)}. Sums run in double precision, in token order.
 */
public final class MeanPooling {
    private MeanPooling() {
    }

    /**
     * Masked mean over tokens.
     *
     * @param hidden row-major {@code batch × length × dim}
     * @param mask   row-major {@code batch × length}, 1 = token, 0 = padding
     * @return row-major {@code batch × dim}
     */
    public static float[] pool(float[] hidden, long[] mask, int batch, int length, int dim) {
        if (hidden.length != (long) batch * length * dim || mask.length != (long) batch * length) {
            throw new IllegalArgumentException("hidden states of " + hidden.length + " values do not fit " + batch + " × "
                    + length + " × " + dim);
        }
        float[] out = new float[batch * dim];
        double[] sum = new double[dim];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(sum, 0);
            double count = 0;
            for (int t = 0; t < length; t++) {
                long m = mask[b * length + t];
                if (m == 0) {
                    continue;
                }
                count += m;
                int base = (b * length + t) * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += m * (double) hidden[base + d];
                }
            }
            double denom = Math.max(count, 1e-9);
            for (int d = 0; d < dim; d++) {
                out[b * dim + d] = (float) (sum[d] / denom);
            }
        }
        return out;
    }

    /** Scales each row of a row-major {@code rows × dim} array to unit Euclidean length, in place. */
    public static void normalize(float[] rows, int dim) {
        for (int start = 0; start < rows.length; start += dim) {
            double sq = 0;
            for (int d = 0; d < dim; d++) {
                sq += (double) rows[start + d] * rows[start + d];
            }
            double norm = Math.max(Math.sqrt(sq), 1e-12);
            for (int d = 0; d < dim; d++) {
                rows[start + d] = (float) (rows[start + d] / norm);
            }
        }
    }
}
