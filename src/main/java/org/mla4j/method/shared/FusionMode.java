package org.mla4j.method.shared;

import java.util.Locale;

/** How per-modality logits are combined at test time. */
public enum FusionMode {
    /** MLA's entropy-weighted dynamic fusion (per sample). */
    DYNAMIC,
    /** Plain mean of the present modalities' logits. */
    MEAN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
