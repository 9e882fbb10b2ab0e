package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.mla4j.core.Batch;

/**
 * What the two-stage baselines (MMIN, IF-MMIN, TATE) see of a training batch. A modality of a sample
 * is <em>known</em> when it is present or a simulated mask hid it ({@link Batch#isHidden}: its value is
 * kept as ground truth); it is <em>truly absent</em> otherwise. The student is fed the present
 * modalities; a sample that has a truly absent modality instead gets the spec's simulated drop
 * (MISSING-BASELINES §0.3): a non-empty proper subset D of its present modalities, drawn uniformly from
 * the step's seeded random source, is withheld from the student and serves as ground truth, so that the
 * sample still teaches imagination. A sample with one present modality keeps it.
 *
 * <ul>
 *   <li>{@link #fed}: the student's input x̃_m = s_m·x_m (zeros where not fed);</li>
 *   <li>{@link #full}: everything known, x_m where known, zeros where truly absent (the teachers' input);</li>
 *   <li>{@link #reverse}: x_m·(1 − s_m), the known values the student is not fed (MMIN's "reverse"
 *       input for the imagination target);</li>
 *   <li>{@link #knownWeights}: n × M, 1 where known: the slots a target exists for.</li>
 * </ul>
 */
public final class MissingViews {
    private final NDArray[] fed;
    private final NDArray[] full;
    private final NDArray[] reverse;
    private final boolean[][] fedFlags;
    private final boolean[][] known;
    private final NDManager manager;

    private MissingViews(NDManager manager, NDArray[] fed, NDArray[] full, NDArray[] reverse, boolean[][] fedFlags,
                         boolean[][] known) {
        this.manager = manager;
        this.fed = fed;
        this.full = full;
        this.reverse = reverse;
        this.fedFlags = fedFlags;
        this.known = known;
    }

    /** The views of a training batch; {@code random} draws the simulated drops. */
    public static MissingViews of(Batch batch, SplittableRandom random) {
        int n = batch.size();
        int numModalities = batch.numModalities();
        boolean[][] fedFlags = new boolean[numModalities][n];
        boolean[][] known = new boolean[numModalities][n];
        for (int i = 0; i < n; i++) {
            int presentCount = 0;
            boolean trulyAbsent = false;
            for (int m = 0; m < numModalities; m++) {
                boolean present = batch.isPresent(m, i);
                fedFlags[m][i] = present;
                known[m][i] = present || batch.isHidden(m, i);
                presentCount += present ? 1 : 0;
                trulyAbsent |= !known[m][i];
            }
            if (trulyAbsent && presentCount >= 2) {
                // r in [1, 2^k − 2] picks a non-empty proper subset of the k present modalities
                long r = 1 + random.nextLong((1L << presentCount) - 2);
                int bit = 0;
                for (int m = 0; m < numModalities; m++) {
                    if (fedFlags[m][i]) {
                        fedFlags[m][i] = ((r >> bit) & 1) == 0;
                        bit++;
                    }
                }
            }
        }
        NDManager manager = batch.manager();
        NDArray[] fed = new NDArray[numModalities];
        NDArray[] full = new NDArray[numModalities];
        NDArray[] reverse = new NDArray[numModalities];
        for (int m = 0; m < numModalities; m++) {
            NDArray x = batch.features(m);
            full[m] = batch.hidden(m) == null ? x : x.add(batch.hidden(m));
            boolean dropped = false;
            for (int i = 0; i < n; i++) {
                dropped |= batch.isPresent(m, i) && !fedFlags[m][i];
            }
            fed[m] = dropped ? x.mul(column(manager, fedFlags[m], false)) : x;
            reverse[m] = full[m].mul(column(manager, fedFlags[m], true));
        }
        return new MissingViews(manager, fed, full, reverse, fedFlags, known);
    }

    /** n × 1 of flags (or their complement) as 0/1. */
    private static NDArray column(NDManager manager, boolean[] flags, boolean complement) {
        float[] v = new float[flags.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = flags[i] != complement ? 1f : 0f;
        }
        return manager.create(v, new Shape(v.length, 1));
    }

    public NDArray[] fed() {
        return fed;
    }

    public NDArray[] full() {
        return full;
    }

    public NDArray[] reverse() {
        return reverse;
    }

    /** Whether the student is fed modality m of sample i. */
    public boolean isFed(int m, int i) {
        return fedFlags[m][i];
    }

    /** Per modality, whether the student is fed it (do not modify). */
    public boolean[][] fedFlags() {
        return fedFlags;
    }

    public boolean isKnown(int m, int i) {
        return known[m][i];
    }

    /** Per modality, whether its value is known (do not modify). */
    public boolean[][] knownFlags() {
        return known;
    }

    /** n × M of 0/1: 1 where the modality's value is known. */
    public NDArray knownWeights() {
        int n = known[0].length;
        float[] w = new float[n * known.length];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < known.length; m++) {
                w[i * known.length + m] = known[m][i] ? 1f : 0f;
            }
        }
        return manager.create(w, new Shape(n, known.length));
    }

    /** Positions (in the batch) of the samples whose every modality is known: the teachers' rows. */
    public long[] completeRows() {
        int n = known[0].length;
        long[] rows = new long[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean all = true;
            for (boolean[] k : known) {
                all &= k[i];
            }
            if (all) {
                rows[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(rows, count);
    }
}
