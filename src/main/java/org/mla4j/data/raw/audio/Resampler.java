package org.mla4j.data.raw.audio;

/**
 * Band-limited sample-rate conversion with a Hann-windowed sinc kernel.
 *
 * <p>With input rate {@code R_in}, output rate {@code R_out}, cutoff
 * {@code c = ROLLOFF·min(1, R_out/R_in)} (as a fraction of the input Nyquist frequency) and half
 * width {@code H = ZEROS/c} input samples, output sample {@code n} sits at input time
 * {@code τ_n = n·R_in/R_out} and is
 * <pre>y[n] = Σ_k x[k] · c·sinc(c·(τ_n − k)) · w(τ_n − k),
 * sinc(u) = sin(πu)/(πu),   w(d) = cos²(π·d/(2H)) for |d| ≤ H, else 0,</pre>
 * with {@code x[k] = 0} outside the signal. The output has {@code ceil(N·R_out/R_in)} samples.
 * ROLLOFF = 0.99 and ZEROS = 6 (the defaults of torchaudio's {@code sinc_interp_hann}); the kernel
 * is tabulated per phase of {@code τ_n} when {@code R_out/gcd(R_in, R_out)} is at most 4096.
 */
public final class Resampler {
    /** Fraction of the lower Nyquist frequency kept. */
    public static final double ROLLOFF = 0.99;
    /** Number of sinc zero crossings on each side of the kernel centre. */
    public static final int ZEROS = 6;
    private static final int MAX_PHASES = 4096;

    private Resampler() {
    }

    /** Resamples {@code x} from {@code inRate} to {@code outRate} Hz; equal rates return a copy. */
    public static float[] resample(float[] x, int inRate, int outRate) {
        if (inRate < 1 || outRate < 1) {
            throw new IllegalArgumentException("sample rates must be positive, got " + inRate + " and " + outRate);
        }
        if (inRate == outRate) {
            return x.clone();
        }
        long g = gcd(inRate, outRate);
        long up = outRate / g;   // output steps per ...
        long down = inRate / g;  // ... this many input samples
        double cutoff = ROLLOFF * Math.min(1.0, (double) outRate / inRate);
        double halfWidth = ZEROS / cutoff;
        int reach = (int) Math.ceil(halfWidth);
        long outLen = (x.length * up + down - 1) / down;
        if (outLen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled signal would be too long");
        }
        float[] y = new float[(int) outLen];
        double[][] table = up <= MAX_PHASES ? new double[(int) up][] : null;
        for (int n = 0; n < y.length; n++) {
            long num = n * down;
            long base = num / up;
            int phase = (int) (num % up);
            double frac = (double) phase / up;
            double[] taps;
            if (table != null) {
                taps = table[phase];
                if (taps == null) {
                    taps = table[phase] = taps(frac, cutoff, halfWidth, reach);
                }
            } else {
                taps = taps(frac, cutoff, halfWidth, reach);
            }
            // taps[j] multiplies x[base + j - reach]
            double s = 0;
            int k0 = (int) base - reach;
            int jStart = Math.max(0, -k0);
            int jEnd = Math.min(taps.length, x.length - k0);
            for (int j = jStart; j < jEnd; j++) {
                s += taps[j] * x[k0 + j];
            }
            y[n] = (float) s;
        }
        return y;
    }

    /** Kernel values for input offsets {@code d = frac + reach − j}, {@code j = 0 … 2·reach}. */
    private static double[] taps(double frac, double cutoff, double halfWidth, int reach) {
        double[] t = new double[2 * reach + 1];
        for (int j = 0; j < t.length; j++) {
            double d = frac + reach - j; // τ − k with k = base + j − reach
            if (Math.abs(d) > halfWidth) {
                continue;
            }
            double u = cutoff * d;
            double sinc = u == 0 ? 1.0 : Math.sin(Math.PI * u) / (Math.PI * u);
            double w = Math.cos(Math.PI * d / (2 * halfWidth));
            t[j] = cutoff * sinc * w * w;
        }
        return t;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
