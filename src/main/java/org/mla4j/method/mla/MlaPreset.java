package org.mla4j.method.mla;

/**
 * A named MLA configuration: the defaults of MLA's other options ({@link MlaOptions}). A value given
 * for one of them overrides its preset's.
 */
public enum MlaPreset {
    /**
     * mla4j's recommended configuration (docs/methods.md, docs/reports/mla-recommended): the paper's
     * HGM with a leak of 0.01 toward the identity (P stays between 0.01·I and I), and test-time fusion
     * by the mean of the unimodal logits after per-modality temperature scaling fitted on validation.
     */
    RECOMMENDED,
    /** The paper's configuration exactly: HGM with α = 1 and no forgetting, dynamic fusion as is. */
    PAPER
}
