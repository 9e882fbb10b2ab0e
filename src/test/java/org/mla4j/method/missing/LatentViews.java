package org.mla4j.method.missing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;

/**
 * An in-memory dataset of M views with known canonical correlations: per sample a standard-normal
 * latent u; view 0 carries u (plus independent noise dimensions), every other view carries
 * v_c = ρ_c u_c + √(1−ρ_c²) ε_c; each view is then mixed by a fixed random invertible matrix and
 * shifted. Mixing does not change canonical correlations, so every pair (0, j) has ρ_1, ρ_2, … (then 0).
 * The label is the bucket of u_1 (three classes: below −0.5, up to 0.5, above), so the shared
 * direction is the one that classifies. The last {@code test} rows are the test split.
 */
final class LatentViews {
    private LatentViews() {
    }

    static MultimodalDataset of(int n, int test, int[] dims, double[] rho, long seed) {
        Random random = new Random(seed);
        int views = dims.length;
        float[][] features = new float[views][];
        double[][] mixing = new double[views][];
        for (int v = 0; v < views; v++) {
            features[v] = new float[n * dims[v]];
            mixing[v] = new double[dims[v] * dims[v]];
            for (int i = 0; i < dims[v]; i++) {
                for (int j = 0; j < dims[v]; j++) {
                    mixing[v][i * dims[v] + j] = (i == j ? 1 : 0) + 0.4 * random.nextGaussian() / Math.sqrt(dims[v]);
                }
            }
        }
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            double[] u = new double[dims[0]];
            for (int c = 0; c < u.length; c++) {
                u[c] = random.nextGaussian();
            }
            labels[s] = u[0] < -0.5 ? 0 : u[0] < 0.5 ? 1 : 2;
            for (int v = 0; v < views; v++) {
                double[] latent = new double[dims[v]];
                for (int c = 0; c < latent.length; c++) {
                    double noise = random.nextGaussian();
                    latent[c] = v == 0 ? u[c] : c < rho.length ? rho[c] * u[c] + Math.sqrt(1 - rho[c] * rho[c]) * noise
                            : noise;
                }
                for (int i = 0; i < dims[v]; i++) {
                    double x = 2.0 + v;
                    for (int j = 0; j < dims[v]; j++) {
                        x += mixing[v][i * dims[v] + j] * latent[j];
                    }
                    features[v][s * dims[v] + i] = (float) x;
                }
            }
        }
        List<Modality> modalities = new ArrayList<>();
        boolean[][] present = new boolean[views][n];
        for (int v = 0; v < views; v++) {
            modalities.add(new Modality("v" + v, dims[v], null));
            java.util.Arrays.fill(present[v], true);
        }
        int[] train = new int[n - test];
        int[] testRows = new int[test];
        java.util.Arrays.setAll(train, i -> i);
        java.util.Arrays.setAll(testRows, i -> n - test + i);
        return new MultimodalDataset("latent", Path.of("latent"), modalities, List.of("low", "mid", "high"), features,
                labels, present, train, testRows, "latent-" + seed);
    }
}
