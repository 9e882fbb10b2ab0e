package org.mla4j.method.missing;

import ai.djl.ndarray.NDManager;
import org.mla4j.core.ModelSpec;

/**
 * Deep canonically correlated autoencoders (Wang, Arora, Livescu, Bilmes, ICML 2015; spec
 * MISSING-BASELINES §3): DCCA's networks and objective plus one mirrored decoder per modality that must
 * reconstruct the network's (observed) input, weighted by λ ({@code dccae_weight}, 0.001 as in GCNet);
 * formulas and choices in {@link DeepCca}.
 */
public final class Dccae extends DeepCca {
    public Dccae(ModelSpec spec, DeepCcaOptions options, NDManager parent) {
        super(spec, options.dims(), options.reconstructionWeight(), true, parent);
    }

    @Override
    public String name() {
        return "dccae";
    }
}
