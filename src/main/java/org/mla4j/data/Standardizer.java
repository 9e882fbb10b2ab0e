package org.mla4j.data;

import java.util.Arrays;
import org.mla4j.io.InvalidInputException;

/**
 * Per-modality, per-feature standardisation {@code (x − μ) / (σ + 1e-6)} with statistics taken from
 * training rows only.
 *
 * <p>{@link #fit} computes, for each modality, the mean and the population standard deviation (divide
 * by n) over the given rows where that modality is present, accumulating in double: per feature for
 * flat modalities, and per channel for modalities shaped (C, H, W) (statistics over all H·W values of
 * the channel, stored repeated for each of its features), as image and spectrogram networks expect;
 * per-pixel statistics would blow rarely-lit pixels up to huge values. Two cases get a
 * neutral statistic instead, so that no feature is divided by ~1e-6: a modality with no present fit row
 * gets mean 0 and std 1 for every feature, and a feature (channel) that is constant over the present fit rows
 * gets std 1 (its mean is the constant), as does one whose std underflows float. All statistics are
 * finite and every std is positive.
 *
 * <p>A modality whose encoder is a pretrained module ({@link Modality#pretrained()}) is passed through
 * unchanged: mean 0 and std {@value #IDENTITY_STD} (1 − ε, so that σ + ε is exactly 1 in float), since
 * the module expects its input as the dataset's preprocessing made it.
 */
public final class Standardizer {
    /** Added to σ before dividing. */
    public static final float EPSILON = 1e-6f;
    /** The std that makes {@code (x − 0) / (σ + ε)} equal to x: {@code (1 − ε) + ε} rounds to exactly 1. */
    public static final float IDENTITY_STD = 1f - EPSILON;

    private final float[][] mean;
    private final float[][] std;

    /**
     * Statistics saved earlier (e.g. in a model file): per modality, one mean and one std per feature.
     *
     * @throws InvalidInputException if the shapes disagree, a value is not finite or a std is not positive
     */
    public Standardizer(float[][] mean, float[][] std) {
        if (mean.length != std.length) {
            throw new InvalidInputException("standardisation statistics have means for " + mean.length
                    + " modalities but standard deviations for " + std.length);
        }
        this.mean = new float[mean.length][];
        this.std = new float[std.length][];
        for (int m = 0; m < mean.length; m++) {
            if (mean[m].length == 0) {
                throw new InvalidInputException("standardisation statistics of modality " + m + " have no features");
            }
            if (mean[m].length != std[m].length) {
                throw new InvalidInputException("standardisation statistics of modality " + m + " have " + mean[m].length
                        + " means but " + std[m].length + " standard deviations");
            }
            for (int j = 0; j < mean[m].length; j++) {
                if (!Float.isFinite(mean[m][j]) || !Float.isFinite(std[m][j]) || !(std[m][j] > 0)) {
                    throw new InvalidInputException("standardisation statistics of modality " + m + ", feature " + j
                            + " are invalid (mean " + mean[m][j] + ", std " + std[m][j] + ")");
                }
            }
            this.mean[m] = mean[m].clone();
            this.std[m] = std[m].clone();
        }
    }

    /** Statistics of every modality of {@code ds} over {@code fitRows} (rows where the modality is absent are skipped). */
    public static Standardizer fit(MultimodalDataset ds, int[] fitRows) {
        int n = ds.numSamples();
        for (int row : fitRows) {
            if (row < 0 || row >= n) {
                throw new IllegalArgumentException("fit row " + row + " is outside [0, " + n + ")");
            }
        }
        int numModalities = ds.numModalities();
        float[][] mean = new float[numModalities][];
        float[][] std = new float[numModalities][];
        for (int m = 0; m < numModalities; m++) {
            Modality modality = ds.modality(m);
            int dim = modality.dim();
            if (modality.pretrained() != null) {
                mean[m] = new float[dim];
                std[m] = new float[dim];
                Arrays.fill(std[m], IDENTITY_STD);
                continue;
            }
            // a statistic is shared by a group of consecutive features: one feature for flat data, one
            // channel's H·W values for (C, H, W) grids
            int groupSize = modality.isSpatial() ? dim / modality.shape().get(0) : 1;
            int groups = dim / groupSize;
            float[] x = ds.features(m);
            boolean[] present = ds.present(m);
            double[] sum = new double[groups];
            float[] min = new float[groups];
            float[] max = new float[groups];
            Arrays.fill(min, Float.POSITIVE_INFINITY);
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
            long count = 0;
            for (int row : fitRows) {
                if (!present[row]) {
                    continue;
                }
                count++;
                int base = row * dim;
                for (int j = 0; j < dim; j++) {
                    float v = x[base + j];
                    int g = j / groupSize;
                    sum[g] += v;
                    min[g] = Math.min(min[g], v);
                    max[g] = Math.max(max[g], v);
                }
            }
            mean[m] = new float[dim];
            std[m] = new float[dim];
            if (count == 0) {
                Arrays.fill(std[m], 1f);
                continue;
            }
            double values = (double) count * groupSize;
            double[] mu = new double[groups];
            for (int g = 0; g < groups; g++) {
                mu[g] = sum[g] / values;
            }
            double[] squares = new double[groups];
            for (int row : fitRows) {
                if (!present[row]) {
                    continue;
                }
                int base = row * dim;
                for (int j = 0; j < dim; j++) {
                    double d = x[base + j] - mu[j / groupSize];
                    squares[j / groupSize] += d * d;
                }
            }
            for (int j = 0; j < dim; j++) {
                int g = j / groupSize;
                boolean constant = min[g] == max[g];
                mean[m][j] = constant ? min[g] : (float) mu[g];
                float sd = (float) Math.sqrt(squares[g] / values);
                std[m][j] = constant || !(sd > 0) || !Float.isFinite(sd) ? 1f : sd;
            }
        }
        return new Standardizer(mean, std);
    }

    /**
     * Standardised copies of some rows of a modality.
     *
     * @param rowMajor all rows of modality m, row-major {@code n × dim}
     * @param rows     which rows to take, in output order
     * @return row-major {@code rows.length × dim}
     */
    public float[] apply(int m, float[] rowMajor, int[] rows) {
        int dim = mean[m].length;
        if (rowMajor.length % dim != 0) {
            throw new IllegalArgumentException("modality " + m + " expects rows of " + dim + " values but got "
                    + rowMajor.length + " values");
        }
        int n = rowMajor.length / dim;
        float[] mu = mean[m];
        float[] sigma = std[m];
        float[] out = new float[rows.length * dim];
        for (int r = 0; r < rows.length; r++) {
            int row = rows[r];
            if (row < 0 || row >= n) {
                throw new IllegalArgumentException("row " + row + " is outside [0, " + n + ")");
            }
            int src = row * dim;
            int dst = r * dim;
            for (int j = 0; j < dim; j++) {
                out[dst + j] = (rowMajor[src + j] - mu[j]) / (sigma[j] + EPSILON);
            }
        }
        return out;
    }

    public int numModalities() {
        return mean.length;
    }

    /** Feature count of modality m. */
    public int dim(int m) {
        return mean[m].length;
    }

    /** Per-feature means of modality m (a copy). */
    public float[] mean(int m) {
        return mean[m].clone();
    }

    /** Per-feature standard deviations of modality m (a copy). */
    public float[] std(int m) {
        return std[m].clone();
    }
}
