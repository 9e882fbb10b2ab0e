package org.mla4j.data.raw.audio;

import java.nio.file.Path;
import org.mla4j.io.InvalidInputException;

/**
 * Computes log-mel features from audio with a {@link LogMelParams} recipe. For a mono signal
 * {@code x} (resampled with {@link Resampler} if its rate differs from {@code sampleRate}):
 * <ol>
 *   <li>if {@code windowSamples > 0}: {@code x ← SignalFit.centre(x, windowSamples)}</li>
 *   <li>frame {@code t} is {@code x[t·hop … t·hop + frameLength − 1]} for
 *       {@code t < 1 + ⌊(N − frameLength)/hop⌋} (whole frames only, no centre padding)</li>
 *   <li>per frame: optionally subtract its mean, optionally pre-emphasise
 *       ({@code y[i] = x[i] − p·x[i−1]}, {@code y[0] = (1 − p)·x[0]}), multiply by the window,
 *       zero-pad to {@code nFft}</li>
 *   <li>{@code S[k] = |X[k]|²} (or {@code |X[k]|}) for {@code k = 0 … nFft/2}, with X the DFT</li>
 *   <li>{@code M[b] = Σ_k w_b[k]·S[k]} ({@link MelFilterBank})</li>
 *   <li>{@code F[b][t] = ln(M[b] + ε)} or {@code ln(max(M[b], ε))}</li>
 * </ol>
 * Arithmetic is in double; the result is rounded to float. If {@code frames > 0}, frames beyond
 * those that fit are set to the silence value {@code ln(ε)} (what an all-zero frame gives in either
 * floor mode) and surplus ones are dropped.
 *
 * <p>An instance precomputes the window, FFT and filter bank and may be shared between threads.
 */
public final class LogMelExtractor {
    private final LogMelParams params;
    private final double[] window;
    private final Fft fft;
    private final MelFilterBank bank;

    public LogMelExtractor(LogMelParams params) {
        this.params = params;
        this.window = params.window().coefficients(params.frameLength());
        this.fft = new Fft(params.nFft());
        this.bank = MelFilterBank.create(params.melBands(), params.nFft(), params.sampleRate(),
                params.fminHz(), params.fmaxHz(), params.melScale(), params.triangles());
    }

    public LogMelParams params() {
        return params;
    }

    public MelFilterBank filterBank() {
        return bank;
    }

    /** Reads a WAV file ({@link WavReader}) and computes its features. */
    public float[] extract(Path wavFile) {
        WavAudio audio = WavReader.read(wavFile);
        try {
            return extract(audio.samples(), audio.sampleRate());
        } catch (InvalidInputException e) {
            throw InvalidInputException.inFile(wavFile, e.getMessage());
        }
    }

    /**
     * Features of mono samples at {@code sampleRate} Hz. Length {@code melBands × T} with
     * {@code T = frames} if fixed, else the number of whole frames (an {@link InvalidInputException}
     * if that is 0).
     */
    public float[] extract(float[] samples, int sampleRate) {
        float[] x = sampleRate == params.sampleRate() ? samples
                : Resampler.resample(samples, sampleRate, params.sampleRate());
        double[] signal;
        if (params.windowSamples() > 0) {
            signal = SignalFit.centre(x, params.windowSamples());
        } else {
            signal = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                signal[i] = x[i];
            }
        }
        int fit = params.framesThatFit(signal.length);
        int frames = params.frames() > 0 ? params.frames() : fit;
        if (frames == 0) {
            throw new InvalidInputException("audio of " + signal.length + " samples at " + params.sampleRate()
                    + " Hz is shorter than one " + params.frameLength() + "-sample frame");
        }
        int bands = params.melBands();
        int len = params.frameLength();
        double p = params.preemphasis();
        double eps = params.logFloor();
        boolean add = params.floorMode() == LogMelParams.FloorMode.ADD;
        double silence = Math.log(eps);
        double[] frame = new double[params.nFft()];
        double[] spectrum = new double[params.nFft() / 2 + 1];
        double[] mel = new double[bands];
        float[] out = new float[bands * frames];
        for (int t = 0; t < frames; t++) {
            if (t >= fit) {
                for (int b = 0; b < bands; b++) {
                    out[index(b, t, bands, frames)] = (float) silence;
                }
                continue;
            }
            int start = t * params.hop();
            System.arraycopy(signal, start, frame, 0, len);
            java.util.Arrays.fill(frame, len, frame.length, 0.0);
            if (params.removeDc()) {
                double mean = 0;
                for (int i = 0; i < len; i++) {
                    mean += frame[i];
                }
                mean /= len;
                for (int i = 0; i < len; i++) {
                    frame[i] -= mean;
                }
            }
            if (p != 0) {
                for (int i = len - 1; i > 0; i--) {
                    frame[i] -= p * frame[i - 1];
                }
                frame[0] -= p * frame[0];
            }
            for (int i = 0; i < len; i++) {
                frame[i] *= window[i];
            }
            fft.powerSpectrum(frame, spectrum);
            if (!params.power()) {
                for (int k = 0; k < spectrum.length; k++) {
                    spectrum[k] = Math.sqrt(spectrum[k]);
                }
            }
            bank.apply(spectrum, mel);
            for (int b = 0; b < bands; b++) {
                double v = add ? Math.log(mel[b] + eps) : Math.log(Math.max(mel[b], eps));
                out[index(b, t, bands, frames)] = (float) v;
            }
        }
        return out;
    }

    private int index(int band, int frame, int bands, int frames) {
        return params.layout() == LogMelParams.Layout.BAND_MAJOR ? band * frames + frame : frame * bands + band;
    }
}
