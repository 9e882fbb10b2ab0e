package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.io.InvalidInputException;

class StandardizerTest {
    /** 4 samples; modality x (dim 2) absent in sample 3, modality y (dim 1) absent everywhere but sample 3. */
    private static MultimodalDataset dataset() {
        float[] x = {1, 10, 3, 10, 5, 10, Float.NaN, Float.NaN};
        float[] y = {0, 0, 0, 7};
        boolean[][] present = {{true, true, true, false}, {false, false, false, true}};
        return new MultimodalDataset("t", Path.of("."), List.of(new Modality("x", 2), new Modality("y", 1)),
                List.of("0", "1"), new float[][] {x, y}, new int[] {0, 1, 0, 1}, present,
                new int[] {0, 1, 2, 3}, new int[] {3}, "c");
    }

    @Test
    void populationStatisticsOverPresentFitRows() {
        Standardizer s = Standardizer.fit(dataset(), new int[] {0, 1, 2, 3});
        assertThat(s.mean(0)[0]).isEqualTo(3f);
        // population std of {1, 3, 5} is sqrt(8/3)
        assertThat(s.std(0)[0]).isCloseTo((float) Math.sqrt(8.0 / 3), within(1e-6f));
        assertThat(s.numModalities()).isEqualTo(2);
        assertThat(s.dim(0)).isEqualTo(2);
    }

    @Test
    void onlyFitRowsCount() {
        Standardizer s = Standardizer.fit(dataset(), new int[] {0, 1});
        assertThat(s.mean(0)[0]).isEqualTo(2f);
        assertThat(s.std(0)[0]).isEqualTo(1f);
    }

    @Test
    void modalityWithoutPresentFitRowsGetsZeroMeanUnitStd() {
        Standardizer s = Standardizer.fit(dataset(), new int[] {0, 1, 2});
        assertThat(s.mean(1)).containsExactly(0f);
        assertThat(s.std(1)).containsExactly(1f);
    }

    @Test
    void constantFeatureGetsUnitStd() {
        Standardizer s = Standardizer.fit(dataset(), new int[] {0, 1, 2});
        assertThat(s.mean(0)[1]).isEqualTo(10f);
        assertThat(s.std(0)[1]).isEqualTo(1f);
        float[] out = s.apply(0, new float[] {10, 12}, new int[] {0});
        assertThat(out[1]).isCloseTo(2f, within(1e-5f));
    }

    @Test
    void applyStandardisesTheChosenRowsInOrder() {
        Standardizer s = new Standardizer(new float[][] {{1, 2}}, new float[][] {{2, 0.5f}});
        float[] all = {0, 0, 5, 3, 1, 2};
        float[] out = s.apply(0, all, new int[] {2, 1});
        assertThat(out).hasSize(4);
        assertThat(out[0]).isCloseTo(0f, within(1e-6f));
        assertThat(out[1]).isCloseTo(0f, within(1e-6f));
        assertThat(out[2]).isCloseTo(4f / (2f + 1e-6f), within(1e-6f));
        assertThat(out[3]).isCloseTo(1f / (0.5f + 1e-6f), within(1e-6f));
    }

    @Test
    void savedStatisticsRoundTrip() {
        Standardizer fitted = Standardizer.fit(dataset(), new int[] {0, 1, 2, 3});
        Standardizer restored = new Standardizer(new float[][] {fitted.mean(0), fitted.mean(1)},
                new float[][] {fitted.std(0), fitted.std(1)});
        float[] x = dataset().features(0);
        assertThat(restored.apply(0, x, new int[] {0, 2})).containsExactly(fitted.apply(0, x, new int[] {0, 2}));
    }

    @Test
    void accessorsReturnCopies() {
        Standardizer s = new Standardizer(new float[][] {{1}}, new float[][] {{2}});
        s.mean(0)[0] = 99;
        s.std(0)[0] = 99;
        assertThat(s.mean(0)).containsExactly(1f);
        assertThat(s.std(0)).containsExactly(2f);
    }

    @Test
    void rejectsInvalidSavedStatistics() {
        assertThatThrownBy(() -> new Standardizer(new float[][] {{1, 2}}, new float[][] {{1}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 means but 1 standard deviations");
        assertThatThrownBy(() -> new Standardizer(new float[][] {{1}}, new float[][] {{0}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("feature 0 are invalid");
        assertThatThrownBy(() -> new Standardizer(new float[][] {{Float.NaN}}, new float[][] {{1}}))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Standardizer(new float[][] {{1}}, new float[][] {{1}, {1}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("means for 1 modalities");
    }

    @Test
    void rejectsRowsOutOfRange() {
        assertThatThrownBy(() -> Standardizer.fit(dataset(), new int[] {4})).isInstanceOf(IllegalArgumentException.class);
        Standardizer s = new Standardizer(new float[][] {{1}}, new float[][] {{2}});
        assertThatThrownBy(() -> s.apply(0, new float[] {1, 2}, new int[] {2})).isInstanceOf(IllegalArgumentException.class);
    }
}
