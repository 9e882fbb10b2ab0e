package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mla4j.io.InvalidInputException;

class GlobalMissingMaskTest {
    private static boolean[][] all(int m, int n) {
        boolean[][] p = new boolean[m][n];
        for (boolean[] row : p) {
            Arrays.fill(row, true);
        }
        return p;
    }

    private static int kept(boolean[][] mask, int i) {
        int c = 0;
        for (boolean[] modality : mask) {
            c += modality[i] ? 1 : 0;
        }
        return c;
    }

    private static double observedShare(boolean[][] mask, int from, int to) {
        long c = 0;
        for (boolean[] modality : mask) {
            for (int i = from; i < to; i++) {
                c += modality[i] ? 1 : 0;
            }
        }
        return (double) c / ((long) mask.length * (to - from));
    }

    @Test
    void observedShareIsWithinToleranceOfOneMinusEta() {
        int n = 3000;
        for (int m : new int[] {2, 3, 6}) {
            for (double eta : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) {
                if (1 - eta <= 1.0 / m) {
                    continue;
                }
                boolean[][] mask = GlobalMissingMask.draw(all(m, n), eta, 17);
                assertThat(observedShare(mask, 0, n)).as("M=%d η=%.1f", m, eta).isCloseTo(1 - eta, within(0.005));
                for (int i = 0; i < n; i++) {
                    assertThat(kept(mask, i)).isGreaterThanOrEqualTo(1);
                }
            }
        }
    }

    @Test
    void gcnetsPercentQuantisationAlsoMeetsTheShareWhereItConverges() {
        // M = 2: p' = 1 − 2η is a whole percent, so the quantised loop ends quickly
        boolean[][] mask = GlobalMissingMask.draw(all(2, 4000), 0.3, 3, null, GlobalMissingMask.Quantisation.PERCENT);
        assertThat(observedShare(mask, 0, 4000)).isCloseTo(0.7, within(0.005));
        assertThat(Arrays.deepEquals(mask, GlobalMissingMask.draw(all(2, 4000), 0.3, 3))).isFalse();
    }

    @Test
    void atOrBelowOneOverMEverySampleKeepsExactlyOneModalityUniformly() {
        int n = 6000;
        for (int m : new int[] {2, 3, 6}) {
            for (double eta : new double[] {1 - 1.0 / m, 0.9}) {
                boolean[][] mask = GlobalMissingMask.draw(all(m, n), eta, 5);
                int[] perModality = new int[m];
                for (int i = 0; i < n; i++) {
                    assertThat(kept(mask, i)).as("M=%d η=%.3f row %d", m, eta, i).isEqualTo(1);
                    for (int k = 0; k < m; k++) {
                        perModality[k] += mask[k][i] ? 1 : 0;
                    }
                }
                // Binomial(n, 1/M): 5 sd is at most 5·√(6000/4) ≈ 194
                for (int count : perModality) {
                    assertThat((double) count).isCloseTo((double) n / m, within(5 * Math.sqrt(n / 4.0)));
                }
            }
        }
    }

    @Test
    void atMEqualsTwoHalfMissingMeansAllUnimodalUnlikeIndependentMasking() {
        int n = 5000;
        boolean[][] global = GlobalMissingMask.draw(all(2, n), 0.5, 8);
        boolean[][] independent = MissingMask.draw(all(2, n), 0.5, 8);
        int bothGlobal = 0;
        int bothIndependent = 0;
        for (int i = 0; i < n; i++) {
            bothGlobal += kept(global, i) == 2 ? 1 : 0;
            bothIndependent += kept(independent, i) == 2 ? 1 : 0;
        }
        assertThat(bothGlobal).isZero();
        // independent: P(both kept | not both dropped) = 0.25 / 0.75
        assertThat(bothIndependent / (double) n).isCloseTo(1.0 / 3, within(0.03));

        // η = 0.3: global share 0.3 = (unimodal share)/2 → 60 % unimodal; independent 0.42/0.91 = 46 %
        boolean[][] global3 = GlobalMissingMask.draw(all(2, n), 0.3, 8);
        boolean[][] independent3 = MissingMask.draw(all(2, n), 0.3, 8);
        int oneGlobal = 0;
        int oneIndependent = 0;
        for (int i = 0; i < n; i++) {
            oneGlobal += kept(global3, i) == 1 ? 1 : 0;
            oneIndependent += kept(independent3, i) == 1 ? 1 : 0;
        }
        assertThat(oneGlobal / (double) n).isCloseTo(0.6, within(0.01));
        assertThat(oneIndependent / (double) n).isCloseTo(0.42 / 0.91, within(0.03));
    }

    @Test
    void sameSeedSameMaskOtherSeedOtherMask() {
        boolean[][] a = GlobalMissingMask.draw(all(3, 1000), 0.4, 5);
        boolean[][] b = GlobalMissingMask.draw(all(3, 1000), 0.4, 5);
        boolean[][] c = GlobalMissingMask.draw(all(3, 1000), 0.4, 6);
        assertThat(a).isDeepEqualTo(b);
        assertThat(Arrays.deepEquals(a, c)).isFalse();
        boolean[][] one1 = GlobalMissingMask.draw(all(3, 1000), 0.8, 5);
        boolean[][] one2 = GlobalMissingMask.draw(all(3, 1000), 0.8, 6);
        assertThat(Arrays.deepEquals(one1, one2)).isFalse();
        assertThat(GlobalMissingMask.draw(all(3, 10), 0.0, 5)).isDeepEqualTo(all(3, 10));
    }

    @Test
    void drawsOverTheGivenRowsOnly() {
        int n = 4000;
        int[] rows = new int[n / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 2 * i;
        }
        boolean[][] mask = GlobalMissingMask.draw(all(3, n), 0.3, 9, rows);
        long observed = 0;
        for (int i = 0; i < n; i++) {
            if (i % 2 == 1) {
                assertThat(kept(mask, i)).isEqualTo(3);
            } else {
                observed += kept(mask, i);
            }
        }
        assertThat(observed / (3.0 * rows.length)).isCloseTo(0.7, within(0.005));
        assertThatThrownBy(() -> GlobalMissingMask.draw(all(3, 10), 0.3, 9, new int[] {1, 1}))
                .hasMessageContaining("row 1 is listed twice");
        assertThatThrownBy(() -> GlobalMissingMask.draw(all(3, 10), 0.3, 9, new int[] {10}))
                .hasMessageContaining("outside the 10 rows");
    }

    @Test
    void trulyAbsentCellsStayAbsentAndTheShareIsOverPresentCells() {
        int n = 6000;
        boolean[][] present = all(3, n);
        for (int i = 0; i < n; i += 4) {
            present[i % 3][i] = false;
        }
        for (int i = 1; i < n; i += 50) {
            present[0][i] = false;
            present[1][i] = false;
        }
        present[0][2] = false;
        present[1][2] = false;
        present[2][2] = false;
        long cells = 0;
        for (boolean[] p : present) {
            for (boolean b : p) {
                cells += b ? 1 : 0;
            }
        }
        boolean[][] mask = GlobalMissingMask.draw(present, 0.4, 10);
        long observed = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                if (!present[k][i]) {
                    assertThat(mask[k][i]).isFalse();
                }
            }
            observed += kept(mask, i);
            if (i == 2) {
                assertThat(kept(mask, i)).as("a row with no modality stays empty").isZero();
            } else {
                assertThat(kept(mask, i)).as("row %d", i).isGreaterThanOrEqualTo(1);
            }
        }
        assertThat((double) observed / cells).isCloseTo(0.6, within(0.005));
    }

    @Test
    void unreachableSharesAndBadRatesAreRejected() {
        // 7 samples × 2 modalities: the share moves in steps of 1/14, none within 0.005 of 0.7
        assertThatThrownBy(() -> GlobalMissingMask.draw(all(2, 7), 0.3, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("steps of 1/14");
        assertThatThrownBy(() -> GlobalMissingMask.draw(all(2, 3), 1.0, 0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> GlobalMissingMask.draw(all(2, 3), -0.1, 0)).hasMessageContaining("[0, 1)");
        // 10 samples × 2: 14 of 20 is exactly 0.7, so a small set still works
        assertThat(observedShare(GlobalMissingMask.draw(all(2, 10), 0.3, 1), 0, 10)).isCloseTo(0.7, within(1e-12));
    }
}
