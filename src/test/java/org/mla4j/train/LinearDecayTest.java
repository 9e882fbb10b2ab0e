package org.mla4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The linear policy of MMIN/GCNet: constant for n epochs, then down to base/(E − n + 1). */
class LinearDecayTest {
    @Test
    void twentyConstantThenEightyDecaying() {
        LinearDecay s = new LinearDecay(1e-3, 20, 100);
        assertThat(s.at(0)).isEqualTo(1e-3f);
        assertThat(s.at(19)).isEqualTo(1e-3f); // epoch t = 20, the last constant one
        assertThat((double) s.at(20)).isCloseTo(1e-3 * (1 - 1 / 81.0), within(1e-9)); // t = 21
        assertThat((double) s.at(99)).isCloseTo(1e-3 / 81, within(1e-9)); // t = 100
    }
}
