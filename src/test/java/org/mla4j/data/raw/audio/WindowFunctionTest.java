package org.mla4j.data.raw.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WindowFunctionTest {

    private static void assertValues(double[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("w[%d]", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void periodicHann() {
        // 0.5 − 0.5·cos(2πi/4): 0, 0.5, 1, 0.5
        assertValues(WindowFunction.HANN_PERIODIC.coefficients(4), 0, 0.5, 1, 0.5);
        // N = 8: 0.5 − 0.5·cos(πi/4)
        double s = Math.sqrt(0.5);
        assertValues(WindowFunction.HANN_PERIODIC.coefficients(8),
                0, 0.5 - 0.5 * s, 0.5, 0.5 + 0.5 * s, 1, 0.5 + 0.5 * s, 0.5, 0.5 - 0.5 * s);
        double[] w = WindowFunction.HANN_PERIODIC.coefficients(256);
        assertThat(w[0]).isEqualTo(0.0);
        assertThat(w[128]).isCloseTo(1.0, within(1e-15));
        assertThat(w[64]).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void symmetricWindows() {
        assertValues(WindowFunction.HANN.coefficients(5), 0, 0.5, 1, 0.5, 0);
        assertValues(WindowFunction.HAMMING.coefficients(5), 0.08, 0.54, 1, 0.54, 0.08);
        assertValues(WindowFunction.POVEY.coefficients(5), 0, Math.pow(0.5, 0.85), 1, Math.pow(0.5, 0.85), 0);
        assertValues(WindowFunction.RECTANGULAR.coefficients(3), 1, 1, 1);
        assertValues(WindowFunction.HANN.coefficients(1), 1);
    }
}
