package org.mla4j.method.mla;

/** How MLA scales each modality's logits before fusing them, fitted on the validation split ({@link FusionFit}). */
public enum FusionCalibration {
    /** The raw logits (the paper). */
    NONE,
    /** Per-modality temperature scaling: each modality's scale fitted alone. */
    TEMPERATURE,
    /** Per-modality weights fitted jointly for the mean of the scaled logits. */
    WEIGHTS
}
