package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modalities shaped (C, H, W) get one mean and std per channel, repeated over its pixels. */
class ChannelStandardizationTest {

    @Test
    void gridModalitiesAreStandardisedPerChannel() {
        // 2 samples of a (2, 1, 2) grid: channel 0 holds {0, 2 | 4, 6}, channel 1 is constant 5
        float[] x = {0, 2, 5, 5, 4, 6, 5, 5};
        MultimodalDataset ds = new MultimodalDataset("t", Path.of("."), List.of(new Modality("g", 4, List.of(2, 1, 2))),
                List.of("a", "b"), new float[][] {x}, new int[] {0, 1}, new boolean[][] {{true, true}},
                new int[] {0, 1}, new int[] {1}, "x");
        Standardizer s = Standardizer.fit(ds, new int[] {0, 1});
        assertThat(s.mean(0)).containsExactly(3f, 3f, 5f, 5f);
        float sd = (float) Math.sqrt((9 + 1 + 1 + 9) / 4.0);
        assertThat(s.std(0)[0]).isCloseTo(sd, within(1e-6f));
        assertThat(s.std(0)[1]).isCloseTo(sd, within(1e-6f));
        assertThat(s.std(0)).endsWith(1f, 1f);
    }
}
