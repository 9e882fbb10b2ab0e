package org.mla4j.method.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** OGM-GE's score, coefficient and noise against hand-computed values. */
class OgmModulationTest {
    private final OgmModulation ogm = new OgmModulation(0.5, 0, -1);

    @Test
    void dominantModalityIsSlowedByOneMinusTanh() {
        // ρ_a = 0.8 / 0.4 = 2 → k = 1 − tanh(0.5·1); ρ_b = 0.5 → k = 1
        assertThat(ogm.coefficients(new double[] {0.8, 0.4}))
                .containsExactly(new double[] {1 - Math.tanh(0.5), 1}, within(1e-12));
        // α = 2: 1 − tanh(2·(2 − 1))
        assertThat(new OgmModulation(2, 0, -1).coefficients(new double[] {0.4, 0.8}))
                .containsExactly(new double[] {1, 1 - Math.tanh(2)}, within(1e-12));
    }

    @Test
    void ratioForMoreModalitiesIsAgainstTheMeanOfTheOthers() {
        // ρ = 0.9/0.45 = 2, 0.3/0.75 = 0.4, 0.6/0.6 = 1 (not > 1)
        assertThat(ogm.coefficients(new double[] {0.9, 0.3, 0.6}))
                .containsExactly(new double[] {1 - Math.tanh(0.5), 1, 1}, within(1e-12));
        // ρ = 0.6/((0.2+0.4)/2) = 2 → 1 − tanh(0.5); 0.4/0.4 = 1
        assertThat(ogm.coefficients(new double[] {0.6, 0.2, 0.4})[0]).isCloseTo(1 - Math.tanh(0.5), within(1e-12));
    }

    @Test
    void modalityAbsentFromTheBatchIsLeftOut() {
        assertThat(ogm.coefficients(new double[] {0.8, Double.NaN, 0.4}))
                .containsExactly(new double[] {1 - Math.tanh(0.5), 1, 1}, within(1e-12));
        assertThat(ogm.coefficients(new double[] {0.8, Double.NaN})).containsExactly(1, 1);
    }

    @Test
    void scoreIsTheMeanTrueClassProbabilityOverPresentSamples() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // sample 0: uniform → 0.5; sample 1: logits (ln 3, 0), label 0 → 0.75
            NDArray logits = manager.create(new float[] {0f, 0f, (float) Math.log(3), 0f}, new Shape(2, 2));
            NDArray oneHot = manager.create(new float[] {0f, 1f, 1f, 0f}, new Shape(2, 2));
            assertThat(OgmModulation.score(logits, oneHot, new boolean[] {true, true})).isCloseTo(0.625, within(1e-6));
            assertThat(OgmModulation.score(logits, oneHot, new boolean[] {true, false})).isCloseTo(0.5, within(1e-6));
            assertThat(OgmModulation.score(logits, oneHot, new boolean[] {false, false})).isNaN();
        }
    }

    @Test
    void noiseHasTheUnscaledGradientsStandardDeviation() {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 20000;
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) Math.sin(i) * 3 + 1; // std ≈ 3/√2
            }
            double mean = 0;
            for (float v : g) {
                mean += v / n;
            }
            double var = 0;
            for (float v : g) {
                var += (v - mean) * (v - mean) / (n - 1);
            }
            NDArray gradient = manager.create(g, new Shape(200, 100));
            float[] out = OgmModulation.modulate(gradient, 0.25, manager).toFloatArray();
            double noiseMean = 0;
            double noiseVar = 0;
            for (int i = 0; i < n; i++) {
                double e = out[i] - 0.25 * g[i];
                noiseMean += e / n;
                noiseVar += e * e / n;
            }
            assertThat(noiseMean).isCloseTo(0, within(0.1));
            assertThat(Math.sqrt(noiseVar)).isCloseTo(Math.sqrt(var), within(0.05 * Math.sqrt(var)));
            assertThat(gradient.toFloatArray()).containsExactly(g); // the input is not modified
        }
    }

    @Test
    void windowIsInclusiveAndMinusOneMeansToTheEnd() {
        OgmModulation window = new OgmModulation(0.5, 2, 4);
        assertThat(window.activeIn(1)).isFalse();
        assertThat(window.activeIn(2)).isTrue();
        assertThat(window.activeIn(4)).isTrue();
        assertThat(window.activeIn(5)).isFalse();
        assertThat(new OgmModulation(0.5, 3, -1).activeIn(1000)).isTrue();
    }
}
