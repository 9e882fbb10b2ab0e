package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.mla4j.core.Batch;
import org.mla4j.core.TensorSplit;

/**
 * What an imputing method is fed in a training batch and which (sample, modality) cells it must
 * reconstruct, with their ground truth (spec MISSING-BASELINES §0.3, §4). Two sources of targets:
 * <ul>
 *   <li>{@link Source#HIDDEN}: a simulated mask ran ({@code --missing-rate}); the targets are exactly the
 *       cells it hid, with the values it hid ({@link Batch#hidden}) — GCNet's protocol. The input is the
 *       batch as masked (zeros in every absent cell).</li>
 *   <li>{@link Source#DROP}: no simulated mask, but the fit split genuinely lacks some cells (a presence
 *       mask in the dataset), so no ground truth exists for them: <i>simulated drop</i>. Per batch, every
 *       sample with an observed set O of at least two modalities drops a uniformly drawn non-empty proper
 *       subset D ⊂ O (each modality of O kept or dropped with probability ½, redrawn until neither all nor
 *       none is dropped); it is fed O∖D and D are its targets, with their observed values.</li>
 *   <li>{@link Source#NONE}: complete data without a mask: nothing to reconstruct.</li>
 * </ul>
 * Reusable by any method that reconstructs or imagines missing modalities.
 */
public final class ReconstructionTargets {
    /** Where the targets come from, decided once for the fit split. */
    public enum Source { HIDDEN, DROP, NONE }

    private final NDArray[] inputs;
    private final NDArray[] targets;
    private final boolean[][] isTarget;
    private final int[] counts;

    private ReconstructionTargets(NDArray[] inputs, NDArray[] targets, boolean[][] isTarget, int[] counts) {
        this.inputs = inputs;
        this.targets = targets;
        this.isTarget = isTarget;
        this.counts = counts;
    }

    /** HIDDEN if the split keeps hidden values, else DROP if some of its cells are absent, else NONE. */
    public static Source sourceOf(TensorSplit fit, NDManager manager) {
        if (fit.size() == 0) {
            return Source.NONE;
        }
        try (NDManager temp = manager.newSubManager()) {
            Batch first = fit.slice(temp, 0, 1); // a split's hidden values exist for all its rows or none
            for (int m = 0; m < first.numModalities(); m++) {
                if (first.hidden(m) != null) {
                    return Source.HIDDEN;
                }
            }
        }
        for (boolean[] flags : fit.present()) {
            for (boolean p : flags) {
                if (!p) {
                    return Source.DROP;
                }
            }
        }
        return Source.NONE;
    }

    /** The batch's inputs and targets under {@code source}; DROP draws from {@code random}. */
    public static ReconstructionTargets of(Batch batch, Source source, SplittableRandom random) {
        int numModalities = batch.numModalities();
        int n = batch.size();
        NDArray[] inputs = new NDArray[numModalities];
        NDArray[] targets = new NDArray[numModalities];
        boolean[][] isTarget = new boolean[numModalities][n];
        int[] counts = new int[numModalities];
        if (source == Source.DROP) {
            drawDrops(batch, random, isTarget);
        }
        for (int m = 0; m < numModalities; m++) {
            for (int i = 0; i < n; i++) {
                if (source == Source.HIDDEN) {
                    isTarget[m][i] = batch.isHidden(m, i);
                }
                counts[m] += isTarget[m][i] ? 1 : 0;
            }
            if (source == Source.DROP && counts[m] > 0) {
                inputs[m] = batch.features(m).mul(keepColumn(isTarget[m], batch.manager()));
                targets[m] = batch.features(m);
            } else {
                inputs[m] = batch.features(m);
                targets[m] = counts[m] > 0 ? batch.hidden(m) : null;
            }
        }
        return new ReconstructionTargets(inputs, targets, isTarget, counts);
    }

    private static void drawDrops(Batch batch, SplittableRandom random, boolean[][] dropped) {
        int numModalities = batch.numModalities();
        for (int i = 0; i < batch.size(); i++) {
            int observed = 0;
            for (int m = 0; m < numModalities; m++) {
                observed += batch.isPresent(m, i) ? 1 : 0;
            }
            if (observed < 2) {
                continue;
            }
            int count;
            do {
                count = 0;
                for (int m = 0; m < numModalities; m++) {
                    dropped[m][i] = batch.isPresent(m, i) && random.nextBoolean();
                    count += dropped[m][i] ? 1 : 0;
                }
            } while (count == 0 || count == observed);
        }
    }

    private static NDArray keepColumn(boolean[] dropped, NDManager manager) {
        float[] keep = new float[dropped.length];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = dropped[i] ? 0f : 1f;
        }
        return manager.create(keep, new Shape(keep.length, 1));
    }

    /** What modality m's encoder is fed (zeros in absent and dropped cells). */
    public NDArray input(int m) {
        return inputs[m];
    }

    /** The ground truth of modality m's target cells (other rows: unspecified), or null when it has none. */
    public NDArray target(int m) {
        return targets[m];
    }

    /** Whether sample i's modality m is a target. */
    public boolean isTarget(int m, int i) {
        return isTarget[m][i];
    }

    /** Target cells of modality m in the batch. */
    public int count(int m) {
        return counts[m];
    }

    /** The target flags of modality m as an {@code n × 1} 0/1 column. */
    public NDArray mask(int m, NDManager manager) {
        float[] t = new float[isTarget[m].length];
        for (int i = 0; i < t.length; i++) {
            t[i] = isTarget[m][i] ? 1f : 0f;
        }
        return manager.create(t, new Shape(t.length, 1));
    }
}
