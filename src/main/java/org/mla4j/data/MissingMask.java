package org.mla4j.data;

import java.util.SplittableRandom;
import org.mla4j.io.InvalidInputException;

/**
 * Simulated missing modalities (the paper's section 4.2): each (sample, modality) pair that is
 * present is dropped independently with probability η; a sample that would lose every modality it
 * has is redrawn, so at least one always stays. Seeded: the same seed, rate and presence give the
 * same mask. The result is combined with the dataset's own presence (a truly absent pair stays absent).
 */
public final class MissingMask {
    private MissingMask() {
    }

    /** Applies rate η to every sample. */
    public static boolean[][] draw(boolean[][] present, double rate, long seed) {
        return draw(present, rate, seed, null, -1);
    }

    /**
     * Applies rate η to the given rows only (others are kept as they are), dropping only modality
     * {@code onlyModality} when it is ≥ 0 (the single-modality analysis of the paper's Figure 2). With
     * a single modality dropped, the at-least-one rule keeps it where it is the sample's only one.
     */
    public static boolean[][] draw(boolean[][] present, double rate, long seed, int[] rows, int onlyModality) {
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidInputException("missing rate must be in [0, 1), got " + rate);
        }
        int m = present.length;
        int n = present[0].length;
        boolean[][] out = new boolean[m][];
        for (int k = 0; k < m; k++) {
            out[k] = present[k].clone();
        }
        if (rate == 0) {
            return out;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int count = rows == null ? n : rows.length;
        boolean[] keep = new boolean[m];
        for (int r = 0; r < count; r++) {
            int i = rows == null ? r : rows[r];
            int had = 0;
            for (int k = 0; k < m; k++) {
                had += present[k][i] ? 1 : 0;
            }
            if (had == 0) {
                continue;
            }
            boolean anyKept;
            do {
                anyKept = false;
                for (int k = 0; k < m; k++) {
                    boolean droppable = onlyModality < 0 || k == onlyModality;
                    // draw for every modality, in order, so a sample's draws do not depend on its presence pattern
                    boolean drop = random.nextDouble() < rate;
                    keep[k] = present[k][i] && !(droppable && drop);
                    anyKept |= keep[k];
                }
            } while (!anyKept);
            for (int k = 0; k < m; k++) {
                out[k][i] = keep[k];
            }
        }
        return out;
    }
}
