package org.mla4j.method.shared;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.mla4j.core.Batch;
import org.mla4j.core.Predictions;

/**
 * Unimodal evaluation of a model that only has a fused output (FiLM, BiGated, MMIN, IF-MMIN, AE, CRA): modality m's
 * logits are the model's output when every other modality's input is set to zero,
 * {@code f_m = F(0, …, x_m, …, 0)}. Inputs are standardised, so zero is each feature's training
 * mean — the same value an absent modality is filled with.
 */
public final class ZeroedOthersPrediction {
    private ZeroedOthersPrediction() {
    }

    /**
     * @param modalities whether to compute each modality's logits (one more pass each) or the fused ones alone
     * @param model      per-modality inputs → fused logits (n × C, no gradient needed)
     */
    public static Predictions predict(Batch batch, int numClasses, boolean modalities,
                                      Function<NDArray[], NDArray> model) {
        NDArray[] inputs = ModalityEncoders.inputs(batch);
        NDArray fused = model.apply(inputs);
        if (!modalities) {
            return Predictions.fusedOnly(batch, numClasses, fused);
        }
        NDArray[] unimodal = new NDArray[inputs.length];
        for (int m = 0; m < inputs.length; m++) {
            NDArray[] only = new NDArray[inputs.length];
            for (int j = 0; j < inputs.length; j++) {
                only[j] = j == m ? inputs[j] : inputs[j].zerosLike();
            }
            unimodal[m] = model.apply(only);
        }
        return Predictions.joint(batch, numClasses, fused, unimodal);
    }

}
