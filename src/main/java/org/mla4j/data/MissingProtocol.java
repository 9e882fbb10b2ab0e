package org.mla4j.data;

/**
 * How a missing rate η becomes a mask (docs/missing-protocols.md): {@code INDEPENDENT} drops every
 * (sample, modality) pair with probability η, redrawing a sample that would lose all
 * ({@link MissingMask}, the MLA paper's wording); {@code GLOBAL} makes η the share of missing cells,
 * every sample keeping at least one, and at η ≥ 1 − 1/M every sample keeps exactly one
 * ({@link GlobalMissingMask}, GCNet's protocol that the paper's Table 2 baselines ran under).
 */
public enum MissingProtocol {
    INDEPENDENT,
    GLOBAL;

    /** The mask of {@code rows} (all rows when null) at rate {@code rate}; {@code only} limits it to one modality (−1: all). */
    public boolean[][] draw(boolean[][] present, double rate, long seed, int[] rows, int only) {
        if (this == INDEPENDENT) {
            return MissingMask.draw(present, rate, seed, rows, only);
        }
        if (only >= 0) {
            throw new org.mla4j.io.InvalidInputException("the global missing protocol drops cells of every modality; "
                    + "it cannot be limited to one (missing.modality)");
        }
        return GlobalMissingMask.draw(present, rate, seed, rows);
    }
}
