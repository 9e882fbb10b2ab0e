package org.mla4j.data.raw.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static float[] tone(double hz, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * hz * i / rate);
        }
        return x;
    }

    @Test
    void sameRateIsACopy() {
        float[] x = {1, 2, 3};
        float[] y = Resampler.resample(x, 8000, 8000);
        assertThat(y).containsExactly(1, 2, 3).isNotSameAs(x);
    }

    @Test
    void upsamplingKeepsAToneAndItsSamples() {
        float[] x = tone(1000, 8000, 8000);
        float[] y = Resampler.resample(x, 8000, 16000);
        assertThat(y).hasSize(16000);
        // away from the edges, y[n] = sin(2π·1000·n/16000); even outputs coincide with inputs
        for (int n = 200; n < 15800; n++) {
            assertThat((double) y[n]).as("n=%d", n).isCloseTo(Math.sin(2 * Math.PI * 1000 * n / 16000.0), within(0.01));
        }
    }

    @Test
    void outputLengthIsTheCeilingOfTheRatio() {
        assertThat(Resampler.resample(new float[441], 44100, 16000)).hasSize(160);
        assertThat(Resampler.resample(new float[10], 3, 2)).hasSize(7); // ceil(20/3)
    }

    @Test
    void downsamplingRemovesContentAboveTheNewNyquist() {
        int n = 16000;
        float[] low = Resampler.resample(tone(1000, 16000, n), 16000, 8000);
        float[] high = Resampler.resample(tone(6000, 16000, n), 16000, 8000);
        assertThat(rms(low, 100)).isCloseTo(Math.sqrt(0.5), within(0.01));
        assertThat(rms(high, 100)).isLessThan(0.01); // 6 kHz cannot exist at 8 kHz: no alias at 2 kHz
    }

    private static double rms(float[] y, int skip) {
        double s = 0;
        for (int i = skip; i < y.length - skip; i++) {
            s += y[i] * y[i];
        }
        return Math.sqrt(s / (y.length - 2 * skip));
    }
}
