package org.mla4j.train;

import java.util.Map;
import org.mla4j.eval.SplitMetrics;

/**
 * One line of a run's history: the epoch's mean training losses and its validation metrics.
 *
 * @param seconds           the whole epoch: training, calibration and validation
 * @param validationSeconds the part of {@code seconds} spent calibrating on and evaluating the validation split
 *                          (0 in checkpoints written before it was recorded)
 */
public record EpochRecord(int epoch, double learningRate, Map<String, Double> losses, SplitMetrics validation,
                          double seconds, double validationSeconds) {
}
