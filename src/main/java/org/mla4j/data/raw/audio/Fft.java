package org.mla4j.data.raw.audio;

/**
 * Discrete Fourier transform of one fixed length {@code n}:
 * <pre>X[k] = Σ_{t=0}^{n-1} x[t] · exp(-2πi·k·t/n),   k = 0 … n-1</pre>
 * (no scaling, the sign convention of NumPy's {@code fft}).
 *
 * <p>Powers of two use an iterative radix-2 Cooley–Tukey transform with precomputed twiddles
 * {@code W^j = exp(-2πi·j/n)}. Any other length uses Bluestein's chirp-z identity
 * {@code k·t = (k² + t² − (k−t)²)/2}, which turns the DFT into a circular convolution of length
 * {@code m ≥ 2n−1} (a power of two) computed with the radix-2 transform.
 *
 * <p>An instance is immutable after construction and may be shared between threads.
 */
public final class Fft {
    private final int n;
    /** cos/sin of -2πj/n for j < n/2 (radix-2 case). */
    private final double[] cosTable;
    private final double[] sinTable;
    private final int[] bitReverse;
    /** Bluestein: chirp c[t] = exp(-πi·t²/n) and the FFT of the conjugate chirp, padded to m. */
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernelRe;
    private final double[] kernelIm;
    private final Fft inner;

    public Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        }
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            int half = n / 2;
            cosTable = new double[half];
            sinTable = new double[half];
            for (int j = 0; j < half; j++) {
                double a = -2 * Math.PI * j / n;
                cosTable[j] = Math.cos(a);
                sinTable[j] = Math.sin(a);
            }
            int bits = Integer.numberOfTrailingZeros(n);
            bitReverse = new int[n];
            for (int i = 0; i < n; i++) {
                bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            chirpRe = chirpIm = kernelRe = kernelIm = null;
            inner = null;
        } else {
            cosTable = sinTable = null;
            bitReverse = null;
            int m = Integer.highestOneBit(2 * n - 1) << 1;
            inner = new Fft(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            long twoN = 2L * n;
            for (int t = 0; t < n; t++) {
                // t² mod 2n keeps the angle small and exact
                long sq = ((long) t * t) % twoN;
                double a = -Math.PI * sq / n;
                chirpRe[t] = Math.cos(a);
                chirpIm[t] = Math.sin(a);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = -chirpIm[0];
            for (int t = 1; t < n; t++) {
                kernelRe[t] = kernelRe[m - t] = chirpRe[t];
                kernelIm[t] = kernelIm[m - t] = -chirpIm[t];
            }
            inner.forward(kernelRe, kernelIm);
        }
    }

    /** The transform length. */
    public int size() {
        return n;
    }

    /** Transforms {@code re + i·im} (each of length {@link #size()}) in place. */
    public void forward(double[] re, double[] im) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("FFT of length " + n + " given arrays of length "
                    + re.length + " and " + im.length);
        }
        if (bitReverse != null) {
            radix2(re, im);
        } else {
            bluestein(re, im);
        }
    }

    private void radix2(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int step = n / len;
            for (int start = 0; start < n; start += len) {
                for (int j = 0; j < half; j++) {
                    double wr = cosTable[j * step];
                    double wi = sinTable[j * step];
                    int a = start + j;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im) {
        int m = inner.size();
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int t = 0; t < n; t++) {
            ar[t] = re[t] * chirpRe[t] - im[t] * chirpIm[t];
            ai[t] = re[t] * chirpIm[t] + im[t] * chirpRe[t];
        }
        inner.forward(ar, ai);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * kernelRe[k] - ai[k] * kernelIm[k];
            double i = ar[k] * kernelIm[k] + ai[k] * kernelRe[k];
            // inverse via conj(FFT(conj(z)))
            ar[k] = r;
            ai[k] = -i;
        }
        inner.forward(ar, ai);
        for (int k = 0; k < n; k++) {
            double r = ar[k] / m;
            double i = -ai[k] / m;
            re[k] = r * chirpRe[k] - i * chirpIm[k];
            im[k] = r * chirpIm[k] + i * chirpRe[k];
        }
    }

    /**
     * Power spectrum of a real signal: {@code out[k] = |X[k]|²} for {@code k = 0 … n/2}
     * (the {@code rfft} bins). {@code signal} has length {@link #size()} and is not modified.
     */
    public void powerSpectrum(double[] signal, double[] out) {
        if (out.length != n / 2 + 1) {
            throw new IllegalArgumentException("power spectrum of length " + n + " needs " + (n / 2 + 1)
                    + " output bins, got " + out.length);
        }
        double[] re = signal.clone();
        double[] im = new double[n];
        forward(re, im);
        for (int k = 0; k <= n / 2; k++) {
            out[k] = re[k] * re[k] + im[k] * im[k];
        }
    }
}
