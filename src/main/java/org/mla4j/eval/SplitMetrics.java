package org.mla4j.eval;

import java.util.Map;

/**
 * Metrics of one model on one split: fused accuracy, macro-F1 and the mean cross-entropy of the
 * fused logits ({@code fusedLoss}, over the samples with a fused output) over all samples, and each
 * modality's own accuracy over the samples that have it (modalities without a unimodal output or
 * without any present sample are left out). Accuracies are fractions in [0, 1].
 */
public record SplitMetrics(int size, double fusedAccuracy, double macroF1, Map<String, Double> modalityAccuracy,
                           Map<String, Integer> modalitySamples, double fusedLoss) {
}
