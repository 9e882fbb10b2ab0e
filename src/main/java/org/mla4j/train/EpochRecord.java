package org.mla4j.train;

import java.util.Map;
import org.mla4j.eval.SplitMetrics;

/** One line of a run's history: the epoch's mean training losses and its validation metrics. */
public record EpochRecord(int epoch, double learningRate, Map<String, Double> losses, SplitMetrics validation,
                          double seconds) {
}
