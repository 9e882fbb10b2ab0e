package org.mla4j.method.baseline;

/** The model OGM-GE modulates: a concatenation head or per-modality heads summed. */
public enum OgmFusion {
    /** {@code ŷ = W [h_1; …; h_M] + b}; modality m's score uses the probe {@code W[:, block m] h_m + b/M}. */
    CONCAT,
    /** {@code ŷ = Σ_m (W_m h_m + b_m)}; modality m's score uses its own head's output {@code W_m h_m + b_m}. */
    SUM
}
