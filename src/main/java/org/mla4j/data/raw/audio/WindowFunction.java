package org.mla4j.data.raw.audio;

/**
 * Analysis windows applied to each frame before the FFT, for a frame of {@code N} samples and
 * {@code i = 0 … N−1}:
 * <ul>
 *   <li>{@link #HANN_PERIODIC}: {@code w[i] = 0.5 − 0.5·cos(2πi/N)} (SciPy {@code hann(N, sym=False)},
 *       librosa's default; the FFT-friendly form whose period is N)</li>
 *   <li>{@link #HANN}: {@code w[i] = 0.5 − 0.5·cos(2πi/(N−1))} (symmetric; Kaldi's "hanning")</li>
 *   <li>{@link #HAMMING}: {@code w[i] = 0.54 − 0.46·cos(2πi/(N−1))} (symmetric; Kaldi's "hamming")</li>
 *   <li>{@link #POVEY}: {@code w[i] = (0.5 − 0.5·cos(2πi/(N−1)))^0.85} (Kaldi's default "povey")</li>
 *   <li>{@link #RECTANGULAR}: {@code w[i] = 1}</li>
 * </ul>
 * For {@code N = 1} the symmetric forms are defined as {@code w[0] = 1}.
 */
public enum WindowFunction {
    HANN_PERIODIC, HANN, HAMMING, POVEY, RECTANGULAR;

    /** The {@code n} window coefficients. */
    public double[] coefficients(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window length must be at least 1, got " + n);
        }
        double[] w = new double[n];
        double symDenominator = n > 1 ? n - 1 : 1;
        for (int i = 0; i < n; i++) {
            double symCos = Math.cos(2 * Math.PI * i / symDenominator);
            w[i] = switch (this) {
                case HANN_PERIODIC -> 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
                case HANN -> n == 1 ? 1 : 0.5 - 0.5 * symCos;
                case HAMMING -> n == 1 ? 1 : 0.54 - 0.46 * symCos;
                case POVEY -> n == 1 ? 1 : Math.pow(0.5 - 0.5 * symCos, 0.85);
                case RECTANGULAR -> 1;
            };
        }
        return w;
    }
}
