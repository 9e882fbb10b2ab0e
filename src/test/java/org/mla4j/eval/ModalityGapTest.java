package org.mla4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The modality gap against values computed by hand. */
class ModalityGapTest {

    @Test
    void centroidOfNormalisedRows() {
        // (1,0) and (0,2) normalise to (1,0) and (0,1): centroid (0.5, 0.5)
        ModalityGap.Centroid c = ModalityGap.centroid(new float[][] {{1, 0}, {0, 2}});
        assertThat(c.vector()).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
        assertThat(c.used()).isEqualTo(2);
    }

    @Test
    void gapOfTwoTinySets() {
        float[][] a = {{1, 0}, {0, 2}};     // centroid (0.5, 0.5)
        float[][] b = {{3, 0}, {5, 0}};     // centroid (1, 0)
        // ‖(0.5, 0.5) − (1, 0)‖ = √(0.25 + 0.25) = √0.5
        assertThat(ModalityGap.gap(a, b)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(ModalityGap.gap(b, a)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(ModalityGap.gap(a, a)).isZero();
        // opposite directions are as far apart as unit vectors get
        assertThat(ModalityGap.gap(new float[][] {{2, 0, 0}}, new float[][] {{-7, 0, 0}})).isCloseTo(2, within(1e-12));
    }

    @Test
    void threeDimensionalExampleByHand() {
        // a: (3,4,0)/5 = (0.6,0.8,0) and (0,0,1): centroid (0.3, 0.4, 0.5)
        // b: (0,1,0): centroid (0,1,0); difference (0.3, −0.6, 0.5): ‖·‖ = √(0.09+0.36+0.25) = √0.7
        float[][] a = {{3, 4, 0}, {0, 0, 9}};
        float[][] b = {{0, 1, 0}};
        assertThat(ModalityGap.gap(a, b)).isCloseTo(Math.sqrt(0.7), within(1e-7));
    }

    @Test
    void zeroRowsHaveNoDirectionAndAreLeftOut() {
        ModalityGap.Centroid c = ModalityGap.centroid(new float[][] {{0, 0}, {0, 4}});
        assertThat(c.vector()).containsExactly(new double[] {0, 1}, within(1e-12));
        assertThat(c.used()).isEqualTo(1);
        assertThat(c.zero()).isEqualTo(1);
    }

    @Test
    void everyPairInOrder() {
        List<ModalityGap.Pair> pairs = ModalityGap.pairs(List.of("x", "y", "z"),
                List.of(new float[][] {{1, 0}}, new float[][] {{0, 1}}, new float[][] {{1, 0}}));
        assertThat(pairs).extracting(ModalityGap.Pair::label).containsExactly("x – y", "x – z", "y – z");
        assertThat(pairs.get(0).gap()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(pairs.get(1).gap()).isZero();
    }
}
