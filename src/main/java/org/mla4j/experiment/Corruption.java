package org.mla4j.experiment;

import java.util.Locale;
import java.util.SplittableRandom;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;

/**
 * Test-time corruption of one modality, for the robustness analysis: a trained model is evaluated on
 * inputs it has never seen degraded, without retraining (QMF's protocol, Zhang et al., ICML 2023).
 * Only the given rows (the test split) of the corrupted modality change; a row where the modality is
 * absent stays absent.
 *
 * <ul>
 *   <li><b>noise</b> σ: each entry of the standardised features gets Gaussian noise,
 *   {@code z' = z + σ·ε} with {@code ε ~ N(0, 1)}, so σ is in units of the standardised feature scale
 *   (the fit rows' std; per channel for image-shaped modalities). It is applied to the raw features as
 *   {@code x' = x + σ·ε·(s + 1e-6)}, which the model's own standardisation {@code (x − μ)/(s + 1e-6)}
 *   turns into {@code z + σ·ε}; σ = 0 leaves every value as it was, bit for bit.
 *   <li><b>blank</b> p: in each sample, {@code k = round(p·d)} of the modality's d entries are set to
 *   their fit mean μ (standardised value 0, what an absent modality is given). When k = d every entry
 *   is blanked and the modality is marked absent, so methods that fuse only the modalities present
 *   leave it out; a sample keeps its last present modality (with every entry at μ) as missing-modality
 *   masks do.
 * </ul>
 *
 * Deterministic: the noise of (modality m, row r) comes from a {@link SplittableRandom} seeded with a
 * hash of (seed, m, r) and drawn with Box–Muller ({@code ε₁ = √(−2 ln u₁) cos 2πu₂},
 * {@code ε₂ = √(−2 ln u₁) sin 2πu₂}, {@code u₁ = 1 − nextDouble()}, {@code u₂ = nextDouble()}), so it
 * depends neither on the method, the training seed, nor which other rows are evaluated; every σ scales
 * the same ε. The blanked entries are the first k of a Fisher–Yates shuffle of 0..d−1 from a second
 * hash of (seed, m, r), so the entries blanked at a smaller share are among those blanked at a larger one.
 */
public final class Corruption {
    /** What is done to the modality. */
    public enum Kind {
        NOISE, BLANK;

        /** {@code noise} or {@code blank}, as saved in {@code robustness.json}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final long NOISE_SALT = 0x6E6F697365L;
    private static final long BLANK_SALT = 0x626C616E6BL;

    private Corruption() {
    }

    /**
     * The dataset with modality {@code m} corrupted in {@code rows}.
     *
     * @param aligned      the dataset as the model sees it (its modalities in the model's order)
     * @param standardizer the model's standardisation (fit-row statistics)
     * @param level        σ for noise, p in [0, 1] for blank
     */
    public static MultimodalDataset apply(MultimodalDataset aligned, Standardizer standardizer, int m, Kind kind,
                                          double level, long seed, int[] rows) {
        if (!(level >= 0) || Double.isInfinite(level) || (kind == Kind.BLANK && level > 1)) {
            throw new IllegalArgumentException(kind.key() + " level " + level + " is out of range");
        }
        int dim = aligned.modality(m).dim();
        float[][] features = new float[aligned.numModalities()][];
        for (int k = 0; k < features.length; k++) {
            features[k] = aligned.features(k); // shared: only modality m is copied and changed
        }
        float[] x = features[m].clone();
        features[m] = x;
        boolean[][] present = new boolean[aligned.numModalities()][];
        for (int k = 0; k < present.length; k++) {
            present[k] = aligned.present(k);
        }
        present[m] = present[m].clone();
        float[] mean = standardizer.mean(m);
        float[] std = standardizer.std(m);
        int blanked = (int) Math.round(level * dim);
        for (int row : rows) {
            if (!present[m][row]) {
                continue;
            }
            int base = row * dim;
            if (kind == Kind.NOISE) {
                double[] eps = gaussians(random(seed, m, row, NOISE_SALT), dim);
                for (int j = 0; j < dim; j++) {
                    x[base + j] = (float) (x[base + j] + level * eps[j] * (std[j] + Standardizer.EPSILON));
                }
            } else {
                int[] order = firstOfShuffle(random(seed, m, row, BLANK_SALT), dim, blanked);
                for (int i = 0; i < blanked; i++) {
                    x[base + order[i]] = mean[order[i]];
                }
                if (blanked == dim && othersPresent(present, m, row)) {
                    present[m][row] = false;
                }
            }
        }
        return new MultimodalDataset(aligned.name(), aligned.directory(), aligned.modalities(), aligned.classNames(),
                features, aligned.labels(), present, aligned.trainIndices(), aligned.testIndices(), aligned.checksum());
    }

    /** The noise ε of (modality m, row r) for a seed: d standard normal numbers. */
    static double[] gaussians(SplittableRandom random, int d) {
        double[] out = new double[d];
        for (int j = 0; j < d; j += 2) {
            double r = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            out[j] = r * Math.cos(angle);
            if (j + 1 < d) {
                out[j + 1] = r * Math.sin(angle);
            }
        }
        return out;
    }

    /** The first {@code k} entries of a Fisher–Yates shuffle of 0..d−1 (positions 0..k−1 drawn in order). */
    static int[] firstOfShuffle(SplittableRandom random, int d, int k) {
        int[] order = new int[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        for (int i = 0; i < k && i < d - 1; i++) {
            int j = i + random.nextInt(d - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static SplittableRandom random(long seed, int m, int row, long salt) {
        long z = (seed ^ salt) * 0x9E3779B97F4A7C15L + (m + 1L) * 0xBF58476D1CE4E5B9L + (row + 1L) * 0x94D049BB133111EBL;
        // Stafford's "mix13" finaliser: nearby (seed, m, row) give unrelated streams
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    private static boolean othersPresent(boolean[][] present, int m, int row) {
        for (int k = 0; k < present.length; k++) {
            if (k != m && present[k][row]) {
                return true;
            }
        }
        return false;
    }
}
