package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tag's bits follow the presence mask (spec MISSING-BASELINES §9). */
class MissingTagTest {
    @Test
    void bitsSayCompleteOrWhichModalitiesAreMissing() {
        // three samples of three modalities: complete; the second missing; the second and third missing
        boolean[][] present = {{true, true, true}, {true, false, false}, {true, true, false}};
        float[] tag = MissingTag.of(present);
        assertThat(tag).containsExactly(
                1, 0, 0, 0,
                0, 0, 1, 0,
                0, 0, 1, 1);
        assertThat(MissingTag.size(3)).isEqualTo(4);
    }
}
