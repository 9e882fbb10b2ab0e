package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MissingMaskTest {
    private static boolean[][] all(int m, int n) {
        boolean[][] p = new boolean[m][n];
        for (boolean[] row : p) {
            java.util.Arrays.fill(row, true);
        }
        return p;
    }

    @Test
    void dropRateMatchesEtaGivenTheAtLeastOneRule() {
        int n = 200_000;
        double eta = 0.3;
        boolean[][] mask = MissingMask.draw(all(2, n), eta, 11);
        long dropped = 0;
        for (boolean[] row : mask) {
            for (boolean b : row) {
                dropped += b ? 0 : 1;
            }
        }
        // with M = 2 and redraws when both drop: P(drop one pair) = η(1−η) / (1−η²) = η / (1+η)
        assertThat(dropped / (2.0 * n)).isCloseTo(eta / (1 + eta), within(0.005));
        boolean[][] six = MissingMask.draw(all(6, n), eta, 11);
        long dropped6 = 0;
        for (boolean[] row : six) {
            for (boolean b : row) {
                dropped6 += b ? 0 : 1;
            }
        }
        assertThat(dropped6 / (6.0 * n)).as("six modalities: redraws are rare").isCloseTo(eta, within(0.005));
    }

    @Test
    void everySampleKeepsAtLeastOneModalityAndAbsentPairsStayAbsent() {
        boolean[][] present = all(3, 5000);
        for (int i = 0; i < 5000; i += 3) {
            present[1][i] = false;
        }
        boolean[][] mask = MissingMask.draw(present, 0.7, 2);
        for (int i = 0; i < 5000; i++) {
            assertThat(mask[0][i] || mask[1][i] || mask[2][i]).isTrue();
            if (!present[1][i]) {
                assertThat(mask[1][i]).isFalse();
            }
        }
    }

    @Test
    void sameSeedSameMaskOtherSeedOtherMask() {
        boolean[][] a = MissingMask.draw(all(2, 1000), 0.4, 5);
        boolean[][] b = MissingMask.draw(all(2, 1000), 0.4, 5);
        boolean[][] c = MissingMask.draw(all(2, 1000), 0.4, 6);
        assertThat(a).isDeepEqualTo(b);
        assertThat(java.util.Arrays.deepEquals(a, c)).isFalse();
        assertThat(MissingMask.draw(all(2, 10), 0.0, 5)).isDeepEqualTo(all(2, 10));
    }

    @Test
    void singleModalityDropTouchesOnlyThatModalityAndOnlyTheGivenRows() {
        int n = 10_000;
        int[] rows = new int[n / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        boolean[][] mask = MissingMask.draw(all(2, n), 0.5, 3, rows, 1);
        long dropped = 0;
        for (int i = 0; i < n; i++) {
            assertThat(mask[0][i]).isTrue();
            if (i >= n / 2) {
                assertThat(mask[1][i]).isTrue();
            } else {
                dropped += mask[1][i] ? 0 : 1;
            }
        }
        assertThat(dropped / (n / 2.0)).isCloseTo(0.5, within(0.03));
    }

    @Test
    void rateOutsideRangeIsRejected() {
        assertThatThrownBy(() -> MissingMask.draw(all(2, 3), 1.0, 0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> MissingMask.draw(all(2, 3), -0.1, 0)).hasMessageContaining("[0, 1)");
    }
}
