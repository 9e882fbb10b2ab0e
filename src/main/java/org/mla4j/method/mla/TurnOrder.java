package org.mla4j.method.mla;

/** The order in which the modalities take their turns within a batch. */
public enum TurnOrder {
    /** The dataset's modality order (the paper). */
    DATASET,
    /**
     * Weakest first: ascending by each modality's own validation accuracy after the previous epoch
     * (the dataset's order in the first epoch; ties keep the dataset's order).
     */
    WEAK_FIRST
}
