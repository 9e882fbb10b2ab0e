package org.mla4j.data.raw.audio;

/**
 * A bank of {@code B} triangular mel filters over the {@code n_fft/2 + 1} bins of a real FFT.
 *
 * <p>Edge frequencies: {@code B + 2} points equally spaced on the mel scale,
 * {@code m_i = mel(fmin) + i·(mel(fmax) − mel(fmin))/(B + 1)}, {@code f_i = hz(m_i)},
 * {@code i = 0 … B+1}; filter {@code b} rises from {@code f_b} to a peak of 1 at {@code f_{b+1}}
 * and falls back to 0 at {@code f_{b+2}}. Bin {@code k} sits at {@code k·sampleRate/n_fft} Hz.
 * Filters are unnormalised (peak 1, no area normalisation).
 * <ul>
 *   <li>{@link Triangles#HZ} (librosa {@code mel(htk=…, norm=None)}): the triangle is linear in Hz,
 *       {@code w_b(f) = max(0, min((f − f_b)/(f_{b+1} − f_b), (f_{b+2} − f)/(f_{b+2} − f_{b+1})))}.</li>
 *   <li>{@link Triangles#MEL} (Kaldi {@code MelBanks}): the triangle is linear in mel,
 *       {@code w_b = (mel(f) − m_b)/(m_{b+1} − m_b)} on the rising side and
 *       {@code (m_{b+2} − mel(f))/(m_{b+2} − m_{b+1})} on the falling side, for
 *       {@code m_b < mel(f) < m_{b+2}} (strict), 0 elsewhere.</li>
 * </ul>
 */
public final class MelFilterBank {
    /** Whether triangles are linear in Hz (librosa) or in mel (Kaldi). */
    public enum Triangles { HZ, MEL }

    private final int numBins;
    private final double[] edgesHz;
    /** Per band: index of its first non-zero bin and the weights from there on. */
    private final int[] first;
    private final double[][] weights;

    private MelFilterBank(int numBins, double[] edgesHz, int[] first, double[][] weights) {
        this.numBins = numBins;
        this.edgesHz = edgesHz;
        this.first = first;
        this.weights = weights;
    }

    /**
     * Builds the bank.
     *
     * @param bands      number of filters B ≥ 1
     * @param nFft       FFT length (bins 0 … nFft/2 are used)
     * @param sampleRate in Hz
     * @param fminHz     lower edge of the first filter, ≥ 0
     * @param fmaxHz     upper edge of the last filter, &gt; fmin and ≤ sampleRate/2
     */
    public static MelFilterBank create(int bands, int nFft, int sampleRate, double fminHz, double fmaxHz,
                                       MelScale scale, Triangles shape) {
        if (bands < 1 || nFft < 2 || sampleRate < 1) {
            throw new IllegalArgumentException("need bands ≥ 1, n_fft ≥ 2 and a positive sample rate");
        }
        if (!(fminHz >= 0 && fminHz < fmaxHz && fmaxHz <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("mel range must satisfy 0 ≤ fmin < fmax ≤ sampleRate/2; got fmin="
                    + fminHz + ", fmax=" + fmaxHz + ", sampleRate=" + sampleRate);
        }
        int numBins = nFft / 2 + 1;
        double melLow = scale.hzToMel(fminHz);
        double melHigh = scale.hzToMel(fmaxHz);
        double delta = (melHigh - melLow) / (bands + 1);
        double[] edgesMel = new double[bands + 2];
        double[] edgesHz = new double[bands + 2];
        for (int i = 0; i < bands + 2; i++) {
            edgesMel[i] = melLow + i * delta;
            edgesHz[i] = scale.melToHz(edgesMel[i]);
        }
        int[] first = new int[bands];
        double[][] weights = new double[bands][];
        double[] row = new double[numBins];
        for (int b = 0; b < bands; b++) {
            int lo = -1;
            int hi = -1;
            for (int k = 0; k < numBins; k++) {
                double f = (double) k * sampleRate / nFft;
                double w;
                if (shape == Triangles.HZ) {
                    double up = (f - edgesHz[b]) / (edgesHz[b + 1] - edgesHz[b]);
                    double down = (edgesHz[b + 2] - f) / (edgesHz[b + 2] - edgesHz[b + 1]);
                    w = Math.max(0.0, Math.min(up, down));
                } else {
                    double m = scale.hzToMel(f);
                    if (m > edgesMel[b] && m < edgesMel[b + 2]) {
                        w = m <= edgesMel[b + 1]
                                ? (m - edgesMel[b]) / (edgesMel[b + 1] - edgesMel[b])
                                : (edgesMel[b + 2] - m) / (edgesMel[b + 2] - edgesMel[b + 1]);
                    } else {
                        w = 0;
                    }
                }
                row[k] = w;
                if (w != 0) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            if (lo < 0) {
                first[b] = 0;
                weights[b] = new double[0];
            } else {
                first[b] = lo;
                weights[b] = java.util.Arrays.copyOfRange(row, lo, hi + 1);
            }
        }
        return new MelFilterBank(numBins, edgesHz, first, weights);
    }

    public int bands() {
        return weights.length;
    }

    /** Number of spectrum bins expected by {@link #apply}: {@code n_fft/2 + 1}. */
    public int numBins() {
        return numBins;
    }

    /** Weight of FFT bin {@code bin} in filter {@code band}. */
    public double weight(int band, int bin) {
        int j = bin - first[band];
        return j >= 0 && j < weights[band].length ? weights[band][j] : 0.0;
    }

    /** The {@code B + 2} edge frequencies {@code f_0 … f_{B+1}} in Hz (filter b peaks at {@code f_{b+1}}). */
    public double[] edgesHz() {
        return edgesHz.clone();
    }

    /** {@code out[b] = Σ_k w_b[k]·spectrum[k]}. */
    public void apply(double[] spectrum, double[] out) {
        if (spectrum.length != numBins || out.length != weights.length) {
            throw new IllegalArgumentException("mel bank expects " + numBins + " bins and " + weights.length
                    + " outputs, got " + spectrum.length + " and " + out.length);
        }
        for (int b = 0; b < weights.length; b++) {
            double[] w = weights[b];
            int k0 = first[b];
            double s = 0;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * spectrum[k0 + j];
            }
            out[b] = s;
        }
    }
}
