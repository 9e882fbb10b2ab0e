package org.mla4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each epoch's randomness depends on (seed, epoch) only, and differs between epochs and seeds. */
class EpochRandomTest {
    @Test
    void sameSeedAndEpochGiveTheSameStream() {
        assertThat(EpochRandom.of(3, 5).ints(20).toArray()).containsExactly(EpochRandom.of(3, 5).ints(20).toArray());
        assertThat(EpochRandom.engineSeed(3, 5)).isEqualTo(EpochRandom.engineSeed(3, 5));
    }

    @Test
    void nearbySeedsAndEpochsGiveDistinctStreams() {
        Set<Long> firsts = new HashSet<>();
        Set<Integer> engineSeeds = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            for (int epoch = 0; epoch < 50; epoch++) {
                firsts.add(EpochRandom.of(seed, epoch).nextLong());
                engineSeeds.add(EpochRandom.engineSeed(seed, epoch));
            }
        }
        assertThat(firsts).hasSize(1000);
        assertThat(engineSeeds).hasSize(1000);
    }
}
