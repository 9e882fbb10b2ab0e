package org.mla4j.eval;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.core.Batch;
import org.mla4j.core.Method;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;

/** Runs a method over a whole split and scores it. */
public final class Evaluator {
    /** Samples per batch of flat features (DCCA's full-fit pass); prediction batches are the split's. */
    public static final int BATCH = 1024;

    private Evaluator() {
    }

    /** Predictions for every sample of the split, in split order. */
    public static Predictions predict(Method method, TensorSplit split, NDManager parent) {
        return predict(method, split, parent, true);
    }

    /**
     * @param modalities whether each modality's own logits are wanted ({@link Method#predict}) or the fused
     *                   ones suffice ({@link Method#predictFused}: the same fused bits, fewer passes for some methods)
     */
    public static Predictions predict(Method method, TensorSplit split, NDManager parent, boolean modalities) {
        List<Predictions> parts = new ArrayList<>();
        int rows = split.predictionRows();
        for (int from = 0; from < split.size(); from += rows) {
            try (NDManager batchManager = parent.newSubManager()) {
                for (var group : method.groups()) {
                    batchManager.tempAttachAll(group.arrays());
                }
                Batch batch = split.slice(batchManager, from, Math.min(split.size(), from + rows));
                parts.add(modalities ? method.predict(batch) : method.predictFused(batch));
            }
        }
        return Predictions.concat(parts);
    }

    public static SplitMetrics evaluate(Method method, TensorSplit split, List<String> modalityNames, NDManager parent) {
        return evaluate(method, split, modalityNames, parent, true);
    }

    /** Scores the split; without {@code modalities} each modality's accuracy is there only where it costs nothing. */
    public static SplitMetrics evaluate(Method method, TensorSplit split, List<String> modalityNames, NDManager parent,
                                        boolean modalities) {
        return score(predict(method, split, parent, modalities), split.labelValues(), modalityNames);
    }

    /** Scores predictions against labels. */
    public static SplitMetrics score(Predictions p, int[] labels, List<String> modalityNames) {
        int n = p.size();
        int c = p.numClasses();
        int[] fusedPred = new int[n];
        for (int i = 0; i < n; i++) {
            fusedPred[i] = Predictions.argmax(p.fusedLogits(), i, c);
        }
        Map<String, Double> modalityAccuracy = new LinkedHashMap<>();
        Map<String, Integer> modalitySamples = new LinkedHashMap<>();
        for (int m = 0; m < modalityNames.size(); m++) {
            int count = 0;
            for (boolean b : p.present()[m]) {
                count += b ? 1 : 0;
            }
            if (p.modalityLogits()[m] == null || count == 0) {
                continue;
            }
            int[] pred = new int[n];
            for (int i = 0; i < n; i++) {
                pred[i] = Predictions.argmax(p.modalityLogits()[m], i, c);
            }
            modalityAccuracy.put(modalityNames.get(m), Classification.accuracy(pred, labels, p.present()[m]));
            modalitySamples.put(modalityNames.get(m), count);
        }
        return new SplitMetrics(n, Classification.accuracy(fusedPred, labels, null),
                Classification.macroF1(fusedPred, labels, null, c), modalityAccuracy, modalitySamples,
                Predictions.crossEntropy(p.fusedLogits(), labels, n, c));
    }
}
