package org.mla4j.method.baseline;

/**
 * Which QMF is trained: the paper's, as its official code implements it (the default), or the
 * simplified one of the reference figures. They share the architecture, the confidence and the
 * fusion; they differ in the history the ranking loss is ordered by ({@link Qmf}).
 */
public enum QmfVariant {
    /** History: cumulative per-sample training loss, min–max normalised; hinge with the history gap as slack. */
    PAPER,
    /** History: fraction of correct training predictions; hinge without a margin. */
    SIMPLIFIED
}
