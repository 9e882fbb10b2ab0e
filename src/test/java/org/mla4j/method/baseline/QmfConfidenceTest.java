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
    void simplifiedRankingPenalisesConfidenceOrderedAgainstTheHistory() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray confidence = manager.create(new float[] {1f, 2f, 3f});
            // pairs (i, i−1 mod 3): (0,2): r 1 > 0.5, c 1 < 3 → 2; (1,0): r 0 < 1, c 2 > 1 → 1; (2,1): r 0.5 > 0, c 3 > 2 → 0
            double[] rates = {1, 0, 0.5};
            assertThat(simplified(confidence, rates, new boolean[] {true, true, true}, manager)).isCloseTo(1f, within(1e-6f));
            // sample 2 absent: only pair (1,0) remains → 1
            assertThat(simplified(confidence, rates, new boolean[] {true, true, false}, manager)).isCloseTo(1f, within(1e-6f));
            // equal histories: no target, no loss
            assertThat(simplified(confidence, new double[] {0, 0, 0}, new boolean[] {true, true, true}, manager)).isZero();
        }
    }

    @Test
    void paperRankingIsTheHingeWithTheHistoryGapAsSlack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray confidence = manager.create(new float[] {1f, 2f, 3f, 0.5f});
            double[] history = {1, 0, 0.2, 0.2};
            boolean[] all = {true, true, true, true};
            // pairs (i, i+1 mod 4), term max(0, sign(ℓ_i − ℓ_j)(c_i − c_j) − |ℓ_i − ℓ_j|):
            // (0,1): ℓ 1 > 0, c 1 − 2 = −1 → max(0, −1 − 1) = 0
            // (1,2): ℓ 0 < 0.2, −(2 − 3) − 0.2 = 0.8
            // (2,3): tie → 0
            // (3,0): ℓ 0.2 < 1, −(0.5 − 1) − 0.8 = −0.3 → 0
            assertThat(paper(confidence, history, all, manager)).isCloseTo(0.8f / 4, within(1e-6f));
            // a worse history (higher loss) and more confident by more than the gap: penalised by the excess
            NDArray two = manager.create(new float[] {3f, 1f});
            // (0,1): ℓ 0.9 > 0.1, (3 − 1) − 0.8 = 1.2; (1,0): −(1 − 3) − 0.8 = 1.2 → mean 1.2
            assertThat(paper(two, new double[] {0.9, 0.1}, new boolean[] {true, true}, manager)).isCloseTo(1.2f, within(1e-6f));
            // within the slack: no penalty
            NDArray close = manager.create(new float[] {1.5f, 1f});
            assertThat(paper(close, new double[] {0.9, 0.1}, new boolean[] {true, true}, manager)).isZero();
            // sample 1 absent: only pair (2,3) and (3,0) stay valid → (0 + 0) / 2
            assertThat(paper(confidence, history, new boolean[] {true, false, true, true}, manager)).isZero();
        }
    }

    @Test
    void lossHistoryIsCumulativeAndMinMaxNormalisedOverTheTrainingSet() {
        LossHistory history = new LossHistory(1);
        assertThat(history.normalised(0, new int[] {0, 3})).containsExactly(0, 0); // nothing recorded: no order
        history.add(0, 1, 2.0);
        history.add(0, 3, 1.0);
        history.add(0, 3, 3.0);
        // L = (0, 2, 0, 4): min 0 (unvisited 0 and 2), max 4
        assertThat(history.cumulative(0, 3)).isEqualTo(4.0);
        assertThat(history.normalised(0, new int[] {3, 1, 0, 7})).containsExactly(1.0, 0.5, 0.0, 0.0);
        history.add(0, 0, 1.0);
        history.add(0, 2, 1.0);
        // L = (1, 2, 1, 4): min 1, max 4
        assertThat(history.normalised(0, new int[] {0, 1, 3})).containsExactly(new double[] {0, 1.0 / 3, 1}, within(1e-15));
        double[] saved = history.export(0);
        assertThat(saved).containsExactly(1, 2, 1, 4);
        LossHistory restored = new LossHistory(1);
        restored.restore(0, saved);
        assertThat(restored.normalised(0, new int[] {0, 1, 3})).containsExactly(history.normalised(0, new int[] {0, 1, 3}));
    }

    private static float simplified(NDArray c, double[] rates, boolean[] present, NDManager manager) {
        return QmfRanking.simplified(rates, present).loss(c, manager).getFloat();
    }

    private static float paper(NDArray c, double[] history, boolean[] present, NDManager manager) {
        return QmfRanking.paper(history, present).loss(c, manager).getFloat();
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
