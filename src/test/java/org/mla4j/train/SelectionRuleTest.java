package org.mla4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Predictions;

/** Model selection by validation accuracy, ties kept first or broken by the validation loss. */
class SelectionRuleTest {

    /** (accuracy, loss) per epoch: 0.9/0.5, 1.0/0.3, 1.0/0.1, 0.99/0.05, 1.0/0.2. */
    private static int selected(TrainSettings.Selection rule) {
        BestEpoch best = BestEpoch.none(rule);
        double[][] epochs = {{0.9, 0.5}, {1.0, 0.3}, {1.0, 0.1}, {0.99, 0.05}, {1.0, 0.2}};
        for (int e = 0; e < epochs.length; e++) {
            best.offer(e, epochs[e][0], epochs[e][1], List.of());
        }
        return best.epoch();
    }

    @Test
    void accuracyKeepsTheFirstOfTiedEpochs() {
        assertThat(selected(TrainSettings.Selection.ACCURACY)).isEqualTo(1);
    }

    @Test
    void accuracyLossTakesTheTiedEpochWithTheLowestLoss() {
        // epoch 3 has the lowest loss but a lower accuracy: accuracy still comes first
        assertThat(selected(TrainSettings.Selection.ACCURACY_LOSS)).isEqualTo(2);
    }

    @Test
    void aResumedSelectionCarriesItsBestLoss() {
        BestEpoch resumed = new BestEpoch(TrainSettings.Selection.ACCURACY_LOSS, 2, 1.0, 0.1, null);
        assertThat(resumed.offer(5, 1.0, 0.2, List.of())).isFalse();
        assertThat(resumed.offer(6, 1.0, 0.05, List.of())).isTrue();
        assertThat(resumed.epoch()).isEqualTo(6);
    }

    @Test
    void fusedCrossEntropyMatchesHandValues() {
        // sample 0: logits (0, ln 3), label 1: −ln(3/4); sample 1: (2, 2), label 0: ln 2; sample 2 has no
        // fused output (NaN) and is not counted
        float[] logits = {0, (float) Math.log(3), 2, 2, Float.NaN, Float.NaN};
        double expected = (-Math.log(0.75) + Math.log(2)) / 2;
        assertThat(Predictions.crossEntropy(logits, new int[] {1, 0, 0}, 3, 2)).isCloseTo(expected, within(1e-6));
    }
}
