package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.InvalidInputException;

class ValidationSplitTest {
    /** 3 classes with 10, 5 and 1 training rows among rows 0..19 (rows 16..19 are not training rows). */
    private static final int[] LABELS = new int[20];
    private static final int[] TRAIN;

    static {
        for (int i = 0; i < 20; i++) {
            LABELS[i] = i < 10 ? 0 : i < 15 ? 1 : 2;
        }
        TRAIN = IntStream.rangeClosed(0, 15).map(i -> 15 - i).toArray();
    }

    @Test
    void stratifiedPerClass() {
        Splits s = ValidationSplit.carve(TRAIN, LABELS, 3, 0.2, 7);
        // class 0: round(2.0) = 2, class 1: max(1, round(1.0)) = 1, class 2: one row stays in fit
        assertThat(countLabel(s.validation(), 0)).isEqualTo(2);
        assertThat(countLabel(s.validation(), 1)).isEqualTo(1);
        assertThat(countLabel(s.validation(), 2)).isZero();
        assertThat(s.fit()).contains(15);
        assertThat(s.test()).isEmpty();
    }

    @Test
    void disjointSortedAndCoveringTheTrainRows() {
        Splits s = ValidationSplit.carve(TRAIN, LABELS, 3, 0.5, 1);
        assertThat(s.fit()).isSorted();
        assertThat(s.validation()).isSorted();
        assertThat(IntStream.of(s.fit()).filter(i -> Arrays.stream(s.validation()).anyMatch(v -> v == i))).isEmpty();
        assertThat(s.train()).containsExactly(IntStream.rangeClosed(0, 15).toArray());
    }

    @Test
    void deterministicForASeedAndVaryingAcrossSeeds() {
        Splits a = ValidationSplit.carve(TRAIN, LABELS, 3, 0.3, 42);
        assertThat(ValidationSplit.carve(TRAIN.clone(), LABELS, 3, 0.3, 42)).isEqualTo(a);
        long distinct = IntStream.range(0, 20).mapToObj(seed -> Arrays.toString(
                ValidationSplit.carve(TRAIN, LABELS, 3, 0.3, seed).validation())).distinct().count();
        assertThat(distinct).isGreaterThan(1);
    }

    @Test
    void independentOfTheOrderOfTheTrainIndices() {
        int[] ascending = IntStream.rangeClosed(0, 15).toArray();
        assertThat(ValidationSplit.carve(ascending, LABELS, 3, 0.3, 5)).isEqualTo(ValidationSplit.carve(TRAIN, LABELS, 3, 0.3, 5));
    }

    @Test
    void followsTheDocumentedProcedure() {
        // class 0 rows 0..9 shuffled with Random(3) by Fisher–Yates, first round(0.2·10)=2 to validation,
        // then class 1 rows 10..14 with the same Random, first max(1, round(0.2·5))=1 to validation
        java.util.Random r = new java.util.Random(3);
        int[] expected = new int[3];
        int[] c0 = IntStream.range(0, 10).toArray();
        shuffle(c0, r);
        int[] c1 = IntStream.range(10, 15).toArray();
        shuffle(c1, r);
        expected[0] = c0[0];
        expected[1] = c0[1];
        expected[2] = c1[0];
        Arrays.sort(expected);
        assertThat(ValidationSplit.carve(TRAIN, LABELS, 3, 0.2, 3).validation()).containsExactly(expected);
    }

    @Test
    void zeroFractionKeepsEverythingInFit() {
        Splits s = ValidationSplit.carve(TRAIN, LABELS, 3, 0, 0);
        assertThat(s.validation()).isEmpty();
        assertThat(s.fit()).hasSize(16);
    }

    @Test
    void everyClassKeepsAFitRow() {
        Splits s = ValidationSplit.carve(TRAIN, LABELS, 3, 0.9, 0);
        for (int c = 0; c < 3; c++) {
            assertThat(countLabel(s.fit(), c)).as("class %d", c).isPositive();
        }
        assertThat(countLabel(s.validation(), 0)).isEqualTo(9);
        assertThat(countLabel(s.validation(), 1)).isEqualTo(4);
    }

    @Test
    void fractionOutsideRangeIsBadInput() {
        for (double f : new double[] {-0.1, 0.95, Double.NaN}) {
            assertThatThrownBy(() -> ValidationSplit.carve(TRAIN, LABELS, 3, f, 0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("validation fraction " + f + " is outside [0, 0.9]");
        }
    }

    @Test
    void rejectsBadIndicesAndLabels() {
        assertThatThrownBy(() -> ValidationSplit.carve(new int[] {0, 0}, LABELS, 3, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidationSplit.carve(new int[] {20}, LABELS, 3, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidationSplit.carve(new int[] {15}, LABELS, 2, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carvesFromADatasetKeepingItsTestRows(@TempDir Path dir) {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.write(dir));
        Splits s = ValidationSplit.carve(ds, 0.25, 0);
        assertThat(s.test()).containsExactly(ds.testIndices());
        assertThat(s.validation()).hasSize(4);
        assertThat(s.train()).containsExactly(ds.trainIndices());
    }

    private static int countLabel(int[] rows, int label) {
        return (int) IntStream.of(rows).filter(i -> LABELS[i] == label).count();
    }

    private static void shuffle(int[] a, java.util.Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
