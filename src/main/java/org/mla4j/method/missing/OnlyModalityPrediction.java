package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import java.util.function.IntFunction;
import org.mla4j.core.Batch;
import org.mla4j.core.Predictions;

/**
 * Predictions of a model that fills what is missing itself (CCA, DCCA, DCCAE): the fused logits with
 * every modality as observed, and modality m's logits with every other modality treated as absent.
 */
final class OnlyModalityPrediction {
    private OnlyModalityPrediction() {
    }

    /**
     * @param modalities whether to compute each modality's logits or the fused ones alone
     * @param logits     {@code only} → logits: {@code only < 0} uses every modality, {@code only = m} modality m alone
     */
    static Predictions predict(Batch batch, int numClasses, boolean modalities, IntFunction<NDArray> logits) {
        NDArray fused = logits.apply(-1);
        if (!modalities) {
            return Predictions.fusedOnly(batch, numClasses, fused);
        }
        NDArray[] unimodal = new NDArray[batch.numModalities()];
        for (int m = 0; m < unimodal.length; m++) {
            unimodal[m] = logits.apply(m);
        }
        return Predictions.joint(batch, numClasses, fused, unimodal);
    }
}
