package org.mla4j.method.missing;

import ai.djl.ndarray.NDManager;
import org.mla4j.core.ModelSpec;

/**
 * Deep CCA (Andrew, Arora, Bilmes, Livescu, ICML 2013; spec MISSING-BASELINES §2) as GCNet runs it for M ≥ 2
 * modalities: one network per modality trained without labels on the sum of the pairwise correlations of
 * their outputs, mean-filled missing inputs, and a linear classifier on the concatenated outputs
 * ({@link DeepCca} has the formulas and the choices).
 */
public final class Dcca extends DeepCca {
    public Dcca(ModelSpec spec, DeepCcaOptions options, NDManager parent) {
        super(spec, options.dims(), 0, false, parent);
    }

    @Override
    public String name() {
        return "dcca";
    }
}
