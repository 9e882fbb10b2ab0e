package org.mla4j.train;

import java.util.List;
import org.mla4j.core.TensorSplit;

/**
 * The splits a run trains on: {@code fit} (trained on), {@code validation} (selects the epoch) and,
 * optionally, {@code test} (scored at the last epoch too; null when there is none to score).
 */
public record TrainingSplits(TensorSplit fit, TensorSplit validation, TensorSplit test, List<String> modalityNames) {
    public TrainingSplits {
        modalityNames = List.copyOf(modalityNames);
    }

    /** Fit and validation only. */
    public static TrainingSplits withoutTest(TensorSplit fit, TensorSplit validation, List<String> modalityNames) {
        return new TrainingSplits(fit, validation, null, modalityNames);
    }
}
