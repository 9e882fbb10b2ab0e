package org.mla4j.data.raw.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FftTest {

    @Test
    void impulseHasAFlatSpectrum() {
        for (int n : new int[] {1, 2, 8, 256, 12, 400}) {
            double[] re = new double[n];
            double[] im = new double[n];
            re[0] = 1;
            new Fft(n).forward(re, im);
            for (int k = 0; k < n; k++) {
                assertThat(re[k]).as("n=%d k=%d", n, k).isCloseTo(1.0, within(1e-12));
                assertThat(im[k]).isCloseTo(0.0, within(1e-12));
            }
        }
    }

    @Test
    void delayedImpulseIsAPhaseRamp() {
        // x[t] = δ[t−1]  ⇒  X[k] = exp(−2πik/n)
        int n = 8;
        double[] re = new double[n];
        double[] im = new double[n];
        re[1] = 1;
        new Fft(n).forward(re, im);
        assertThat(re[2]).isCloseTo(0.0, within(1e-12));   // exp(−iπ/2) = −i
        assertThat(im[2]).isCloseTo(-1.0, within(1e-12));
        assertThat(re[4]).isCloseTo(-1.0, within(1e-12));  // exp(−iπ) = −1
        assertThat(im[1]).isCloseTo(-Math.sqrt(0.5), within(1e-12));
    }

    @Test
    void cosineAtABinCentreHasTwoPeaksOfHalfTheLength() {
        // x[t] = cos(2π·5t/n)  ⇒  X[5] = X[n−5] = n/2, all other bins 0
        for (int n : new int[] {64, 48}) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int t = 0; t < n; t++) {
                re[t] = Math.cos(2 * Math.PI * 5 * t / n);
            }
            new Fft(n).forward(re, im);
            for (int k = 0; k < n; k++) {
                double expected = (k == 5 || k == n - 5) ? n / 2.0 : 0.0;
                assertThat(re[k]).as("n=%d k=%d", n, k).isCloseTo(expected, within(1e-9));
                assertThat(im[k]).isCloseTo(0.0, within(1e-9));
            }
        }
    }

    @Test
    void matchesTheDefinitionForRadix2AndBluesteinLengths() {
        Random rnd = new Random(7);
        for (int n : new int[] {16, 3, 5, 100, 400}) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int t = 0; t < n; t++) {
                re[t] = rnd.nextGaussian();
                im[t] = rnd.nextGaussian();
            }
            double[] xr = re.clone();
            double[] xi = im.clone();
            new Fft(n).forward(re, im);
            for (int k = 0; k < n; k++) {
                double sr = 0;
                double si = 0;
                for (int t = 0; t < n; t++) {
                    double a = -2 * Math.PI * ((long) k * t % n) / n;
                    sr += xr[t] * Math.cos(a) - xi[t] * Math.sin(a);
                    si += xr[t] * Math.sin(a) + xi[t] * Math.cos(a);
                }
                assertThat(re[k]).as("n=%d k=%d", n, k).isCloseTo(sr, within(1e-9));
                assertThat(im[k]).isCloseTo(si, within(1e-9));
            }
        }
    }

    @Test
    void powerSpectrumOfACosineAtBinCentre() {
        int n = 16;
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = 3 * Math.cos(2 * Math.PI * 2 * t / n);
        }
        double[] p = new double[n / 2 + 1];
        new Fft(n).powerSpectrum(x, p);
        for (int k = 0; k <= n / 2; k++) {
            assertThat(p[k]).isCloseTo(k == 2 ? 24.0 * 24.0 : 0.0, within(1e-9)); // 3·16/2 = 24
        }
        assertThat(x[0]).isEqualTo(3.0); // input untouched
    }
}
