package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The baselines' losses against values worked out by hand. */
class MissingLossesTest {
    @Test
    void centralMomentDiscrepancyMatchesTheHandValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // column 1: X = 0,1,2 (mean 1; central moments c2..c5 = 2/3, 0, 2/3, 0),
            //           Y = 0,0,3 (mean 1; c2..c5 = 2, 2, 6, 10);
            // column 2: constant 1 against constant 3: only the means differ, by 2
            NDArray x = manager.create(new float[] {0, 1, 1, 1, 2, 1}, new Shape(3, 2));
            NDArray y = manager.create(new float[] {0, 3, 0, 3, 3, 3}, new Shape(3, 2));
            // ‖(0, −2)‖ + |2/3 − 2| + |0 − 2| + |2/3 − 6| + |0 − 10| = 2 + 4/3 + 2 + 16/3 + 10
            float expected = 2f + 4f / 3 + 2f + 16f / 3 + 10f;
            assertThat(CentralMomentDiscrepancy.cmd(x, y, 5).getFloat()).isCloseTo(expected, within(1e-4f));
            // K = 1 keeps the mean term only
            assertThat(CentralMomentDiscrepancy.cmd(x, y, 1).getFloat()).isCloseTo(2f, within(1e-5f));
            assertThat(CentralMomentDiscrepancy.cmd(x, x, 5).getFloat()).isCloseTo(0f, within(1e-5f));
            // three codes: the mean of the three pairwise values
            NDArray[] codes = {x, y, x};
            assertThat(CentralMomentDiscrepancy.averageOverPairs(codes, 5).getFloat())
                    .isCloseTo(2 * expected / 3, within(1e-4f));
        }
    }

    @Test
    void cmdGradientIsFiniteWhereMomentsCoincide() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2}, new Shape(1, 2)); // one sample: every central moment 0
            NDArray y = manager.create(new float[] {1, 2}, new Shape(1, 2));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(CentralMomentDiscrepancy.cmd(x, y, 5));
            }
            for (float g : x.getGradient().toFloatArray()) {
                assertThat(g).isFinite();
            }
        }
    }

    @Test
    void classStructureLossMatchesTheHandValueAndGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // h0 = (1,0), h1 = (0,1) of class 0; h2 = (1,1), h3 = (2,0) of class 1
            NDArray h = manager.create(new float[] {1, 0, 0, 1, 1, 1, 2, 0}, new Shape(4, 2));
            h.setRequiresGradient(true);
            int[] labels = {0, 0, 1, 1};
            NDArray oneHot = manager.create(new long[] {0, 0, 1, 1}).oneHot(2);
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                loss = ClassStructureLoss.loss(h, labels, oneHot, 2);
                collector.backward(loss);
            }
            // s0: F(·,0) = h0·h1 = 0, F(·,1) = (1 + 2)/2 = 1.5 → wrong, 1 + 1.5 − 0 = 2.5
            // s1: F(·,0) = 0, F(·,1) = (1 + 0)/2 = 0.5 → wrong, 1.5;  s2, s3: right, 0
            assertThat(loss.getFloat()).isCloseTo(4f, within(1e-6f));
            // d/dh0 = (h2 + h3)/2 − h1 (from s0) − h1 (from s1) = (1.5, −1.5)
            float[] g = h.getGradient().toFloatArray();
            assertThat(g[0]).isCloseTo(1.5f, within(1e-6f));
            assertThat(g[1]).isCloseTo(-1.5f, within(1e-6f));
        }
    }

    @Test
    void classStructureLossSkipsTheOnlyMemberOfAClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray h = manager.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(3, 2));
            NDArray oneHot = manager.create(new long[] {0, 0, 1}).oneHot(2);
            // s0: F(·,0) = 0, F(·,1) = 1 → 2; s1 likewise 2; s2 has no other of its class: nothing
            assertThat(ClassStructureLoss.loss(h, new int[] {0, 0, 1}, oneHot, 2).getFloat())
                    .isCloseTo(4f, within(1e-6f));
        }
    }

    @Test
    void symmetricKlAndSlotMseMatchTheHandValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // p = softmax(0, ln 3) = (1/4, 3/4), q = (1/2, 1/2): Σ (p − q)(ln p − ln q) = (ln 2 + ln 1.5)/4 = ln 3 / 4
            NDArray a = manager.create(new float[] {0f, (float) Math.log(3)}, new Shape(1, 1, 2));
            NDArray b = manager.zeros(new Shape(1, 1, 2));
            assertThat(MissingLosses.symmetricKl(a, b).getFloat()).isCloseTo((float) (Math.log(3) / 4), within(1e-6f));
            // two slots of width 2: only the first counts, mean of 1² and 2²... = (1 + 4)/2
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 4));
            NDArray weights = manager.create(new float[] {1, 0}, new Shape(1, 2));
            assertThat(MissingLosses.slotMse(x, x.zerosLike(), weights, 2, 1).getFloat()).isEqualTo(2.5f);
            NDArray all = manager.create(new float[] {1, 1}, new Shape(1, 2));
            assertThat(MissingLosses.slotMse(x, x.zerosLike(), all, 2, 2).getFloat())
                    .isEqualTo(MissingLosses.mse(x, x.zerosLike()).getFloat());
        }
    }
}
