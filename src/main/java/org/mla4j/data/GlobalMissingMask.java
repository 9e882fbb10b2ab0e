package org.mla4j.data;

import java.util.SplittableRandom;
import org.mla4j.io.InvalidInputException;

/**
 * The global missing-rate protocol of GCNet / CPM-Nets ({@code get_sn}; spec MISSING-BASELINES §0.2), the
 * one MLA's Table 2 follows. η is the share of missing (sample, modality) cells over the rows drawn, every
 * sample keeps at least one modality, and ρ = 1 − η is the share kept:
 * <ol>
 *   <li>ρ ≤ 1/M: every sample keeps exactly one modality, chosen uniformly;</li>
 *   <li>ρ = 1 (η = 0): everything stays observed;</li>
 *   <li>otherwise, repeated until |observed share − ρ| &lt; {@value #TOLERANCE}: draw a one-hot "guaranteed"
 *       modality per sample; E = ρ·M·N − N extra cells are needed; draw a trial Bernoulli(p = E/(MN)) mask and
 *       count its overlap a with the guaranteed cells; draw the final extra mask with the corrected
 *       p' = E/(1 − a/E)/(MN) and OR it with the one-hot mask. (In expectation p' = (Mρ − 1)/(M − 1), which
 *       makes the expected observed share exactly ρ.)</li>
 * </ol>
 *
 * <p><b>How it differs from {@link MissingMask} (independent masking).</b> There each cell is dropped with
 * probability η independently and a sample that loses everything is redrawn, so the realised missing share is
 * below η (η/(1+η) at M = 2) and unimodal samples appear only by chance. Here the share is η itself, and at
 * ρ ≤ 1/M the protocol switches to all-unimodal samples: at M = 2, η = 0.5 every sample has exactly one
 * modality (independent masking: a third of the samples keep both); at M = 3, η = 0.7 the realised missing
 * share is 2/3, not 0.7.
 *
 * <p><b>Choices made here.</b> The Bernoulli probabilities are used as they are ({@link Quantisation#EXACT},
 * the default). GCNet quantises them down to whole percents ({@code randint(0,100) < int(100p)}); that can
 * bias the share by more than the tolerance (at M = 3, η = 0.1: p = 0.5667 → 0.56, p' ≈ 0.845 → 0.84,
 * expected share 0.893), and its loop then ends only when the trial overlap happens to push p' up a percent:
 * within a few attempts at N = 3000, roughly one attempt in thirty at N = 20 000, practically never at
 * N = 100 000 (estimates from the binomial spread of the overlap). {@link Quantisation#PERCENT} reproduces it,
 * bounded by {@link #MAX_ATTEMPTS}. An attempt whose trial overlap leaves no room (a ≥ E) is redrawn. The mask
 * is drawn once over the given rows (GCNet draws it over train+val+test jointly for the CCA family and
 * CPM-Net, per split for the MMIN family; for per-split draws pass each split's rows with its own seed) and
 * stays fixed for the run.
 *
 * <p><b>Samples that really lack modalities.</b> A cell absent in {@code present} stays absent. The protocol
 * then runs over the present cells: N is the number of rows with at least one modality, M·N becomes P, the
 * number of present cells, the guaranteed modality is drawn among the sample's own, the share is taken over
 * P, and rule 1 applies when ρ·P ≤ N. With complete rows this is exactly the procedure above; a row with no
 * modality is left empty.
 *
 * <p>Seeded ({@link SplittableRandom}): the same presence, rate, rows, seed and quantisation give the same mask.
 */
public final class GlobalMissingMask {
    /** The largest accepted |observed share − ρ|, exclusive. */
    public static final double TOLERANCE = 0.005;
    /** Attempts of step 3 before giving up. */
    public static final int MAX_ATTEMPTS = 10_000;

    /** How step 3 turns a probability into Bernoulli draws. */
    public enum Quantisation {
        /** {@code u < p} with u uniform in [0, 1). */
        EXACT,
        /** GCNet's {@code randint(0, 100) < int(100·p)}: p rounded down to a whole percent. */
        PERCENT
    }

    private GlobalMissingMask() {
    }

    /** The protocol over all rows, exact probabilities. */
    public static boolean[][] draw(boolean[][] present, double rate, long seed) {
        return draw(present, rate, seed, null, Quantisation.EXACT);
    }

    /** The protocol over the given rows (all rows when null; others are kept as they are), exact probabilities. */
    public static boolean[][] draw(boolean[][] present, double rate, long seed, int[] rows) {
        return draw(present, rate, seed, rows, Quantisation.EXACT);
    }

    /**
     * The protocol over the given rows.
     *
     * @param present      per modality, one flag per row (true = observed); not modified
     * @param rate         η in [0, 1)
     * @param rows         the rows to draw over (distinct indices), or null for all
     * @param quantisation how probabilities become draws
     * @return per modality, one flag per row: present and kept
     */
    public static boolean[][] draw(boolean[][] present, double rate, long seed, int[] rows, Quantisation quantisation) {
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidInputException("missing rate must be in [0, 1), got " + rate);
        }
        int m = present.length;
        if (m == 0) {
            throw new IllegalArgumentException("expected presence flags for at least one modality, got none");
        }
        int n = present[0].length;
        boolean[][] out = new boolean[m][];
        for (int k = 0; k < m; k++) {
            if (present[k].length != n) {
                throw new IllegalArgumentException("expected " + n + " presence flags for every modality, got "
                        + present[k].length + " for modality " + k);
            }
            out[k] = present[k].clone();
        }
        int[] drawn = rowsWithAModality(present, rows == null ? allRows(n) : checkedRows(rows, n));
        int cells = 0;
        for (int i : drawn) {
            for (boolean[] p : present) {
                cells += p[i] ? 1 : 0;
            }
        }
        if (rate == 0 || drawn.length == 0) {
            return out;
        }
        double keep = 1 - rate;
        SplittableRandom random = new SplittableRandom(seed);
        int[] guaranteed = new int[drawn.length];
        if (keep * cells <= drawn.length) {
            oneHot(present, drawn, random, guaranteed);
            for (int r = 0; r < drawn.length; r++) {
                for (int k = 0; k < m; k++) {
                    out[k][drawn[r]] = k == guaranteed[r];
                }
            }
            return out;
        }
        long nearest = Math.round(keep * cells);
        if (Math.abs((double) nearest / cells - keep) >= TOLERANCE) {
            throw new InvalidInputException("missing rate " + rate + " cannot be met within " + TOLERANCE + " over "
                    + drawn.length + " samples with " + cells + " modality cells: the observed share moves in steps of 1/"
                    + cells + "; use more samples or another rate");
        }
        double extra = keep * cells - drawn.length;
        boolean[] trial = new boolean[m];
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            oneHot(present, drawn, random, guaranteed);
            double p = extra / cells;
            int overlap = 0;
            for (int r = 0; r < drawn.length; r++) {
                for (int k = 0; k < m; k++) {
                    trial[k] = bernoulli(random, p, quantisation);
                }
                overlap += trial[guaranteed[r]] ? 1 : 0;
            }
            if (overlap >= extra) {
                continue;
            }
            double corrected = extra / (1 - overlap / extra) / cells;
            int observed = 0;
            for (int r = 0; r < drawn.length; r++) {
                int i = drawn[r];
                for (int k = 0; k < m; k++) {
                    // draw for every modality, in order, so a sample's draws do not depend on its presence pattern
                    boolean extraCell = bernoulli(random, corrected, quantisation);
                    out[k][i] = k == guaranteed[r] || (extraCell && present[k][i]);
                    observed += out[k][i] ? 1 : 0;
                }
            }
            if (Math.abs((double) observed / cells - keep) < TOLERANCE) {
                return out;
            }
        }
        throw new InvalidInputException("missing rate " + rate + " was not met within " + TOLERANCE + " over "
                + drawn.length + " samples after " + MAX_ATTEMPTS + " draws (" + quantisation
                + " probabilities); use more samples, another rate or exact probabilities");
    }

    private static void oneHot(boolean[][] present, int[] drawn, SplittableRandom random, int[] guaranteed) {
        int m = present.length;
        for (int r = 0; r < drawn.length; r++) {
            int i = drawn[r];
            int count = 0;
            for (boolean[] p : present) {
                count += p[i] ? 1 : 0;
            }
            int pick = random.nextInt(count);
            for (int k = 0; k < m; k++) {
                if (present[k][i] && pick-- == 0) {
                    guaranteed[r] = k;
                    break;
                }
            }
        }
    }

    private static boolean bernoulli(SplittableRandom random, double p, Quantisation quantisation) {
        return quantisation == Quantisation.EXACT
                ? random.nextDouble() < p
                : random.nextInt(100) < (int) (p * 100);
    }

    private static int[] rowsWithAModality(boolean[][] present, int[] rows) {
        return java.util.Arrays.stream(rows).filter(i -> {
            for (boolean[] p : present) {
                if (p[i]) {
                    return true;
                }
            }
            return false;
        }).toArray();
    }

    private static int[] allRows(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static int[] checkedRows(int[] rows, int n) {
        boolean[] seen = new boolean[n];
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("row " + i + " at position " + r + " is outside the " + n + " rows");
            }
            if (seen[i]) {
                throw new IllegalArgumentException("row " + i + " is listed twice (position " + r + ")");
            }
            seen[i] = true;
        }
        return rows;
    }
}
