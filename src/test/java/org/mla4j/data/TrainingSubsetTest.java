package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stratified share of the fit rows that a data-size run trains on. */
class TrainingSubsetTest {
    /** 100 rows; class of row i: 0 for i < 60, 1 for 60 ≤ i < 90, 2 for the last 10; fit rows are the even ones. */
    private static final int[] LABELS = IntStream.range(0, 100).map(i -> i < 60 ? 0 : i < 90 ? 1 : 2).toArray();
    private static final int[] FIT = IntStream.range(0, 50).map(i -> 2 * i).toArray();

    private static long count(int[] rows, int label) {
        return Arrays.stream(rows).filter(r -> LABELS[r] == label).count();
    }

    @Test
    void keepsTheSameShareOfEveryClass() {
        int[] quarter = TrainingSubset.stratified(FIT, LABELS, 3, 0.25, 0);
        // fit rows per class: 30, 15, 5 → round(0.25 n): 8, 4, 1
        assertThat(count(quarter, 0)).isEqualTo(8);
        assertThat(count(quarter, 1)).isEqualTo(4);
        assertThat(count(quarter, 2)).isEqualTo(1);
        assertThat(quarter).isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.stream(quarter).allMatch(r -> r % 2 == 0)).as("only fit rows").isTrue();
        assertThat(TrainingSubset.stratified(FIT, LABELS, 3, 0.01, 0)).as("at least one row per class").hasSize(3);
    }

    @Test
    void isSeededNestedAndWholeAtOne() {
        int[] quarter = TrainingSubset.stratified(FIT, LABELS, 3, 0.25, 4);
        int[] half = TrainingSubset.stratified(FIT, LABELS, 3, 0.5, 4);
        assertThat(TrainingSubset.stratified(FIT, LABELS, 3, 0.25, 4)).isEqualTo(quarter);
        assertThat(TrainingSubset.stratified(FIT, LABELS, 3, 0.25, 5)).isNotEqualTo(quarter);
        assertThat(Arrays.stream(half).boxed().toList()).containsAll(Arrays.stream(quarter).boxed().toList());
        int[] reversed = IntStream.range(0, FIT.length).map(i -> FIT[FIT.length - 1 - i]).toArray();
        assertThat(TrainingSubset.stratified(reversed, LABELS, 3, 0.25, 4)).as("the rows' order does not matter")
                .isEqualTo(quarter);
        assertThat(TrainingSubset.stratified(reversed, LABELS, 3, 1, 4)).isEqualTo(FIT);
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> TrainingSubset.stratified(FIT, LABELS, 3, 0, 0)).hasMessageContaining("outside (0, 1]");
        assertThatThrownBy(() -> TrainingSubset.stratified(FIT, LABELS, 3, 1.5, 0)).hasMessageContaining("outside (0, 1]");
    }
}
