package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;

/** Test-time corruption: seeded and deterministic noise in standardised units, blanked entries, absence. */
class CorruptionTest {
    private static final int N = 200;
    private static final int[] TEST = java.util.stream.IntStream.range(100, N).toArray();
    private static final int[] TRAIN = java.util.stream.IntStream.range(0, 100).toArray();

    /** Two modalities: a (dim 40, features of varied scale and offset) and b (dim 3); row 150 lacks b, row 160 lacks a. */
    private static MultimodalDataset dataset() {
        SplittableRandom r = new SplittableRandom(42);
        float[] a = new float[N * 40];
        for (int i = 0; i < a.length; i++) {
            int j = i % 40;
            a[i] = (float) (3 * j + (1 + j) * r.nextGaussian());
        }
        float[] b = new float[N * 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble();
        }
        boolean[][] present = new boolean[2][N];
        java.util.Arrays.fill(present[0], true);
        java.util.Arrays.fill(present[1], true);
        present[1][150] = false;
        present[0][160] = false;
        int[] labels = new int[N];
        return new MultimodalDataset("t", Path.of("t"), List.of(new Modality("a", 40), new Modality("b", 3)),
                List.of("c0"), new float[][] {a, b}, labels, present, TRAIN, TEST, "sum");
    }

    @Test
    void noiseIsSeededDeterministicAndOnlyTouchesTheModalitysTestRows() {
        MultimodalDataset ds = dataset();
        Standardizer st = Standardizer.fit(ds, TRAIN);
        MultimodalDataset once = Corruption.apply(ds, st, 0, Corruption.Kind.NOISE, 2, 7, TEST);
        MultimodalDataset twice = Corruption.apply(ds, st, 0, Corruption.Kind.NOISE, 2, 7, TEST);
        MultimodalDataset other = Corruption.apply(ds, st, 0, Corruption.Kind.NOISE, 2, 8, TEST);
        assertThat(once.features(0)).isEqualTo(twice.features(0)).isNotEqualTo(other.features(0));
        assertThat(once.features(1)).isSameAs(ds.features(1));
        for (int i = 0; i < 100 * 40; i++) {
            assertThat(once.features(0)[i]).as("training rows untouched").isEqualTo(ds.features(0)[i]);
        }
        assertThat(java.util.Arrays.copyOfRange(once.features(0), 160 * 40, 161 * 40)).as("an absent row stays as it was")
                .isEqualTo(java.util.Arrays.copyOfRange(ds.features(0), 160 * 40, 161 * 40));
        assertThat(once.present(0)).isEqualTo(ds.present(0));
        // the noise of a row does not depend on which other rows are corrupted
        MultimodalDataset alone = Corruption.apply(ds, st, 0, Corruption.Kind.NOISE, 2, 7, new int[] {123});
        assertThat(java.util.Arrays.copyOfRange(alone.features(0), 123 * 40, 124 * 40))
                .isEqualTo(java.util.Arrays.copyOfRange(once.features(0), 123 * 40, 124 * 40));
    }

    @Test
    void noiseIsInUnitsOfTheStandardisedScale() {
        MultimodalDataset ds = dataset();
        Standardizer st = Standardizer.fit(ds, TRAIN);
        int[] rows = java.util.Arrays.stream(TEST).filter(r -> r != 160).toArray();
        float[] clean = st.apply(0, ds.features(0), rows);
        float[] one = st.apply(0, Corruption.apply(ds, st, 0, Corruption.Kind.NOISE, 1, 3, TEST).features(0), rows);
        float[] four = st.apply(0, Corruption.apply(ds, st, 0, Corruption.Kind.NOISE, 4, 3, TEST).features(0), rows);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < clean.length; i++) {
            double e = one[i] - clean[i];
            sum += e;
            squares += e * e;
            assertThat(four[i] - clean[i]).as("every σ scales the same ε").isCloseTo((float) (4 * e), within(2e-3f));
        }
        double mean = sum / clean.length;
        double std = Math.sqrt(squares / clean.length - mean * mean);
        // 3960 standard normal draws: the mean is within 4/√n ≈ 0.064 and the std within 0.05 of 1
        assertThat(mean).isCloseTo(0, within(0.064));
        assertThat(std).isCloseTo(1, within(0.05));
    }

    @Test
    void sigmaZeroLeavesEveryValueAsItWas() {
        MultimodalDataset ds = dataset();
        MultimodalDataset zero = Corruption.apply(ds, Standardizer.fit(ds, TRAIN), 0, Corruption.Kind.NOISE, 0, 7, TEST);
        assertThat(zero.features(0)).isEqualTo(ds.features(0));
        assertThat(zero.present(0)).isEqualTo(ds.present(0));
    }

    @Test
    void blankingSetsAShareOfEntriesToTheFitMeanNestedAcrossShares() {
        MultimodalDataset ds = dataset();
        Standardizer st = Standardizer.fit(ds, TRAIN);
        float[] mean = st.mean(0);
        MultimodalDataset quarter = Corruption.apply(ds, st, 0, Corruption.Kind.BLANK, 0.25, 5, TEST);
        MultimodalDataset half = Corruption.apply(ds, st, 0, Corruption.Kind.BLANK, 0.5, 5, TEST);
        for (int row : TEST) {
            if (row == 160) {
                continue;
            }
            int blankedQuarter = 0;
            int blankedHalf = 0;
            for (int j = 0; j < 40; j++) {
                int i = row * 40 + j;
                boolean q = quarter.features(0)[i] == mean[j] && ds.features(0)[i] != mean[j];
                boolean h = half.features(0)[i] == mean[j] && ds.features(0)[i] != mean[j];
                blankedQuarter += q ? 1 : 0;
                blankedHalf += h ? 1 : 0;
                if (q) {
                    assertThat(h).as("row %d entry %d: blanked at 25 %% and so at 50 %%", row, j).isTrue();
                }
                if (!q) {
                    assertThat(quarter.features(0)[i] == ds.features(0)[i] || ds.features(0)[i] == mean[j]).isTrue();
                }
            }
            assertThat(blankedQuarter).isEqualTo(10);
            assertThat(blankedHalf).isEqualTo(20);
        }
        float[] z = st.apply(0, quarter.features(0), new int[] {101});
        long zeros = 0;
        for (float v : z) {
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).as("a blanked entry is 0 once standardised").isGreaterThanOrEqualTo(10);
        assertThat(quarter.present(0)).isEqualTo(ds.present(0));
    }

    @Test
    void blankingEveryEntryMakesTheModalityAbsentExceptWhereItIsTheLastOne() {
        MultimodalDataset ds = dataset();
        Standardizer st = Standardizer.fit(ds, TRAIN);
        MultimodalDataset all = Corruption.apply(ds, st, 0, Corruption.Kind.BLANK, 1, 5, TEST);
        for (int row : TEST) {
            boolean expected = row == 150; // row 150 has no b: a stays, every entry at the mean
            assertThat(all.isPresent(0, row)).as("row %d", row).isEqualTo(expected);
        }
        for (int row : TRAIN) {
            assertThat(all.isPresent(0, row)).isTrue();
        }
        float[] mean = st.mean(0);
        for (int j = 0; j < 40; j++) {
            assertThat(all.features(0)[150 * 40 + j]).isEqualTo(mean[j]);
        }
        assertThat(all.present(1)).isSameAs(ds.present(1));
    }

    @Test
    void boxMullerDrawsStandardNormals() {
        double[] e = Corruption.gaussians(new SplittableRandom(1), 100_001);
        double mean = java.util.Arrays.stream(e).average().orElseThrow();
        double var = java.util.Arrays.stream(e).map(x -> (x - mean) * (x - mean)).sum() / e.length;
        long beyond2 = java.util.Arrays.stream(e).filter(x -> Math.abs(x) > 2).count();
        assertThat(mean).isCloseTo(0, within(0.015));
        assertThat(var).isCloseTo(1, within(0.02));
        assertThat(beyond2 / (double) e.length).as("P(|ε| > 2) = 4.55 %").isCloseTo(0.0455, within(0.003));
    }
}
