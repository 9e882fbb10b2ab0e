package org.mla4j.method.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** QMF's energy confidence, its fusion and the ranking loss against hand-computed values. */
class QmfConfidenceTest {
    private static final double LN3 = Math.log(3);

    @Test
    void confidenceIsLogSumExpOverTemperature() {
        // logsumexp(0, ln 3) = ln(1 + 3) = ln 4; logsumexp(1000, 1000) = 1000 + ln 2 (no overflow)
        float[] logits = {0f, (float) LN3, 1000f, 1000f};
        assertThat(QmfConfidence.of(logits, 0, 2, 10)).isCloseTo(Math.log(4) / 10, within(1e-7));
        assertThat(QmfConfidence.of(logits, 2, 2, 10)).isCloseTo((1000 + Math.log(2)) / 10, within(1e-4));
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] onEngine = QmfConfidence.of(manager.create(logits, new Shape(2, 2)), 10).toFloatArray();
            assertThat((double) onEngine[0]).isCloseTo(Math.log(4) / 10, within(1e-6));
            assertThat((double) onEngine[1]).isCloseTo((1000 + Math.log(2)) / 10, within(1e-3));
        }
    }

    @Test
    void fusionWeighsEachPresentModalityByItsConfidence() {
        // sample 0: both present; sample 1: modality b absent
        float[] a = {0f, (float) LN3, 2f, 0f};
        float[] b = {1f, 1f, 5f, 5f};
        boolean[][] present = {{true, true}, {true, false}};
        float[][] weights = new float[2][2];
        float[] fused = QmfConfidence.fuse(10, new float[][] {a, b}, present, 2, 2, weights);
        double ca0 = Math.log(4) / 10;
        double cb0 = (1 + Math.log(2)) / 10;
        double ca1 = (2 + Math.log(1 + Math.exp(-2))) / 10;
        assertThat((double) weights[0][0]).isCloseTo(ca0, within(1e-6));
        assertThat((double) weights[1][0]).isCloseTo(cb0, within(1e-6));
        assertThat((double) weights[0][1]).isCloseTo(ca1, within(1e-6));
        assertThat(weights[1][1]).isZero();
        assertThat((double) fused[0]).isCloseTo(ca0 * 0 + cb0 * 1, within(1e-6));
        assertThat((double) fused[1]).isCloseTo(ca0 * LN3 + cb0 * 1, within(1e-6));
        assertThat((double) fused[2]).isCloseTo(ca1 * 2, within(1e-6));
        assertThat(fused[3]).isZero();
        // no modality present: NaN, as in dynamic fusion
        float[] none = QmfConfidence.fuse(10, new float[][] {a, b}, new boolean[][] {{false, true}, {false, true}}, 2, 2, null);
        assertThat(none[0]).isNaN();
    }

    @Test
    void rankingLossPenalisesConfidenceOrderedAgainstTheHistory() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray confidence = manager.create(new float[] {1f, 2f, 3f});
            // pairs (i, i−1 mod 3): (0,2): r 1 > 0.5, c 1 < 3 → 2; (1,0): r 0 < 1, c 2 > 1 → 1; (2,1): r 0.5 > 0, c 3 > 2 → 0
            double[] rates = {1, 0, 0.5};
            assertThat(Qmf.rankingLoss(confidence, rates, new boolean[] {true, true, true}, manager).getFloat())
                    .isCloseTo(1f, within(1e-6f));
            // sample 2 absent: only pair (1,0) remains → 1
            assertThat(Qmf.rankingLoss(confidence, rates, new boolean[] {true, true, false}, manager).getFloat())
                    .isCloseTo(1f, within(1e-6f));
            // equal histories: no target, no loss
            assertThat(Qmf.rankingLoss(confidence, new double[] {0, 0, 0}, new boolean[] {true, true, true}, manager)
                    .getFloat()).isZero();
        }
    }

    @Test
    void historyIsTheFractionOfCorrectVisits() {
        CorrectnessHistory history = new CorrectnessHistory(2);
        assertThat(history.rate(0, 5)).isZero();
        history.record(0, 5, true);
        history.record(0, 5, false);
        history.record(0, 5, true);
        history.record(1, 0, false);
        assertThat(history.rate(0, 5)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(history.rate(1, 0)).isZero();
        assertThat(history.rate(1, 5)).isZero();
    }
}
