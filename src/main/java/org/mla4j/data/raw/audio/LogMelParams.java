package org.mla4j.data.raw.audio;

import java.util.Objects;

/**
 * Everything that defines a log-mel feature vector; see {@link LogMelExtractor} for the pipeline.
 *
 * @param sampleRate    rate (Hz) the features are computed at; other rates are resampled to it
 * @param windowSamples fixed signal length L: longer signals are centre-cropped to L, shorter ones
 *                      zero-padded on both sides (extra sample on the right); 0 keeps the signal as is
 * @param frameLength   samples per frame (the analysis window length)
 * @param nFft          FFT size ≥ frameLength; each windowed frame is zero-padded on the right to it
 * @param hop           samples between frame starts
 * @param window        analysis window over {@code frameLength} samples
 * @param frames        fixed number of frames T (missing trailing frames are filled with the
 *                      silence value {@code log(logFloor)}, extra ones dropped); 0 keeps all that fit
 * @param melBands      number of mel filters B
 * @param fminHz        lower edge of the mel filter bank
 * @param fmaxHz        upper edge of the mel filter bank (≤ sampleRate/2)
 * @param melScale      Hz ↔ mel mapping
 * @param triangles     whether filters are triangles in Hz (librosa) or in mel (Kaldi)
 * @param power         {@code true}: spectrum {@code |X|²}; {@code false}: magnitude {@code |X|}
 * @param logFloor      ε in the log
 * @param floorMode     {@link FloorMode#ADD}: {@code log(mel + ε)}; {@link FloorMode#MAX}: {@code log(max(mel, ε))}
 * @param preemphasis   coefficient p of {@code y[i] = x[i] − p·x[i−1]} within each frame (Kaldi:
 *                      {@code y[0] = x[0] − p·x[0]}); 0 disables
 * @param removeDc      subtract each frame's mean before pre-emphasis and windowing
 * @param layout        order of the flattened output
 */
public record LogMelParams(int sampleRate, int windowSamples, int frameLength, int nFft, int hop,
                           WindowFunction window, int frames, int melBands, double fminHz, double fmaxHz,
                           MelScale melScale, MelFilterBank.Triangles triangles, boolean power,
                           double logFloor, FloorMode floorMode, double preemphasis, boolean removeDc,
                           Layout layout) {

    /** How the log floor ε is applied. */
    public enum FloorMode { ADD, MAX }

    /** Flattening order of the B × T feature matrix. */
    public enum Layout {
        /** index {@code b·T + t} ([mel_band][frame]). */
        BAND_MAJOR,
        /** index {@code t·B + b} ([frame][mel_band], as Kaldi and torchaudio return it). */
        FRAME_MAJOR
    }

    public LogMelParams {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(melScale, "melScale");
        Objects.requireNonNull(triangles, "triangles");
        Objects.requireNonNull(floorMode, "floorMode");
        Objects.requireNonNull(layout, "layout");
        require(sampleRate > 0, "sample rate must be positive, got " + sampleRate);
        require(windowSamples >= 0, "window_samples must be ≥ 0 (0 = whole signal), got " + windowSamples);
        require(frameLength > 0, "frame length must be positive, got " + frameLength);
        require(nFft >= frameLength, "n_fft (" + nFft + ") must be at least the frame length (" + frameLength + ")");
        require(hop > 0, "hop must be positive, got " + hop);
        require(frames >= 0, "frames must be ≥ 0 (0 = as many as fit), got " + frames);
        require(melBands > 0, "mel bands must be positive, got " + melBands);
        require(fminHz >= 0 && fminHz < fmaxHz && fmaxHz <= sampleRate / 2.0,
                "mel range must satisfy 0 ≤ fmin < fmax ≤ sampleRate/2; got fmin=" + fminHz + ", fmax=" + fmaxHz
                        + " at " + sampleRate + " Hz");
        require(logFloor > 0 && Double.isFinite(logFloor), "log floor must be positive, got " + logFloor);
        require(preemphasis >= 0 && preemphasis < 1, "pre-emphasis must be in [0, 1), got " + preemphasis);
        require(windowSamples == 0 || windowSamples >= frameLength,
                "window_samples (" + windowSamples + ") is shorter than one frame (" + frameLength + ")");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("log-mel parameters: " + message);
        }
    }

    /**
     * The recipe of {@code av_mnist_fsdd/audio_logmel_1024.npy} ({@code audio_feature_params} in its
     * manifest): 8 kHz, centred 8000-sample window, 256-sample frames with hop 248 (frames start at
     * 0, 248, …, 7688, so exactly 32 fit without padding: 31·248 + 256 = 7944 ≤ 8000), periodic
     * Hann, power spectrum of a 256-point FFT, 32 HTK mel filters (triangles in Hz, unnormalised)
     * over 0–4000 Hz, {@code ln(mel + 1e-6)}, flattened [mel_band][frame] to 1024 values.
     */
    public static LogMelParams avMnistFsdd() {
        return new LogMelParams(8000, 8000, 256, 256, 248, WindowFunction.HANN_PERIODIC, 32, 32,
                0.0, 4000.0, MelScale.HTK, MelFilterBank.Triangles.HZ, true,
                1e-6, FloorMode.ADD, 0.0, false, Layout.BAND_MAJOR);
    }

    /**
     * Kaldi {@code compute-fbank-feats} as used by audio(-visual) models such as AST and CAV-MAE
     * (torchaudio's {@code compliance.kaldi.fbank(..., window_type='hanning', num_mel_bins=128,
     * dither=0.0, frame_shift=10)}), at 16 kHz with 1024 frames (10.24 s).
     *
     * @see #kaldiFbank(int, int, int)
     */
    public static LogMelParams kaldiFbank() {
        return kaldiFbank(16000, 128, 1024);
    }

    /**
     * Kaldi fbank features. Kaldi defaults followed: frame length 25 ms and shift 10 ms (truncated
     * to whole samples), {@code snip_edges=true} (frames start at 0, shift, …; only whole frames),
     * {@code remove_dc_offset=true}, {@code preemphasis_coefficient=0.97},
     * {@code round_to_power_of_two=true} (n_fft = next power of two ≥ frame length),
     * {@code use_power=true}, {@code use_log_fbank=true} with floor
     * {@code log(max(mel, FLT_EPSILON = 2^-23))}, {@code low_freq=20}, {@code high_freq=0} (Nyquist),
     * mel scale {@code 1127·ln(1 + f/700)} with triangles linear in mel, no energy coefficient.
     * Departures, as AST does: Hann window ({@code window_type=hanning}, symmetric) instead of
     * Kaldi's default Povey window, {@code dither=0} (deterministic) instead of 1, and samples in
     * [-1, 1] (not the int16 scale Kaldi reads), which only shifts every value by a constant
     * {@code 2·ln(32768)} away from the floor. Output is [frame][mel_band] like Kaldi's; no fixed
     * signal length; missing frames get the silence value {@code ln(2^-23)} (AST pads with 0
     * instead, before its dataset normalisation).
     */
    public static LogMelParams kaldiFbank(int sampleRate, int melBands, int frames) {
        int frameLength = (int) ((long) sampleRate * 25 / 1000);
        int shift = (int) ((long) sampleRate * 10 / 1000);
        int nFft = Integer.highestOneBit(Math.max(1, frameLength));
        if (nFft < frameLength) {
            nFft <<= 1;
        }
        return new LogMelParams(sampleRate, 0, frameLength, nFft, shift, WindowFunction.HANN, frames, melBands,
                20.0, sampleRate / 2.0, MelScale.KALDI, MelFilterBank.Triangles.MEL, true,
                Math.ulp(1.0f), FloorMode.MAX, 0.97, true, Layout.FRAME_MAJOR);
    }

    /** Length of the feature vector {@code B·T}, or -1 when {@link #frames()} is 0 (variable). */
    public int featureDim() {
        return frames > 0 ? frames * melBands : -1;
    }

    /** Number of whole frames in a signal of {@code n} samples: {@code 1 + ⌊(n − frameLength)/hop⌋}, or 0. */
    public int framesThatFit(int n) {
        return n < frameLength ? 0 : 1 + (n - frameLength) / hop;
    }
}
