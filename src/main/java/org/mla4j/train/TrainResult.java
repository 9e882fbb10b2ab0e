package org.mla4j.train;

import java.util.List;
import org.mla4j.eval.SplitMetrics;

/**
 * The outcome of training: per-epoch history, the epoch chosen by validation fused accuracy
 * (first on ties), and the last epoch's test metrics (the model itself is left at the chosen epoch).
 */
public record TrainResult(List<EpochRecord> history, int bestEpoch, SplitMetrics lastEpochTest,
                          double trainSeconds) {
}
