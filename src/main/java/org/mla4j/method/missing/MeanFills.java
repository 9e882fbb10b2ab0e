package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.linalg.MeanFill;
import org.mla4j.nn.ParameterGroup;

/**
 * Train-only mean imputation for the correlation methods (spec MISSING-BASELINES §1, GCNet's
 * {@code padmeanV3}): per modality a frozen mean μ_m over the training rows that observe m
 * ({@link MeanFill#observedMean}), and every absent row of m, in any split, replaced by μ_m. A modality
 * that no training row observes gets μ_m = 0 (the standardised features' neutral value). One parameter
 * group {@code fill.<modality>} per modality ({@link MeanFillBlock}), so model files carry the means.
 */
final class MeanFills {
    private final List<ParameterGroup> groups;
    private final List<MeanFillBlock> blocks;

    MeanFills(ModelSpec spec, NDManager manager) {
        List<ParameterGroup> g = new ArrayList<>();
        List<MeanFillBlock> b = new ArrayList<>();
        for (int m = 0; m < spec.numModalities(); m++) {
            int dim = spec.modalities().get(m).dim();
            MeanFillBlock block = new MeanFillBlock(dim);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, dim + 1));
            b.add(block);
            g.add(new ParameterGroup("fill." + spec.modalities().get(m).name(), block));
        }
        this.groups = Collections.unmodifiableList(g);
        this.blocks = List.copyOf(b);
    }

    List<ParameterGroup> groups() {
        return groups;
    }

    /**
     * Sets μ_m from the fit split's host copy and returns the features with every absent row filled
     * (row-major {@code n × d_m} per modality), which is what the closed-form fits read.
     */
    float[][] fit(HostSplit fit) {
        float[][] filled = new float[groups.size()][];
        int[] all = new int[fit.size()];
        Arrays.setAll(all, i -> i);
        for (int m = 0; m < groups.size(); m++) {
            int dim = fit.dim(m);
            boolean[] present = fit.present(m);
            double[] mean = fit.observed(m) == 0 ? new double[dim]
                    : MeanFill.observedMean(fit.features(m), dim, present, all);
            FrozenValues.set(blocks.get(m).mean(), FrozenValues.toFloats(mean));
            filled[m] = MeanFill.fill(fit.features(m), dim, present, mean);
        }
        return filled;
    }

    /** Modality m of the batch with its absent rows mean-filled. */
    NDArray filled(Forward forward, Batch batch, int m) {
        boolean[] absent = new boolean[batch.size()];
        for (int i = 0; i < absent.length; i++) {
            absent[i] = !batch.isPresent(m, i);
        }
        return filled(forward, m, batch.features(m), absent, batch.manager());
    }

    /** Modality m treated as absent in every row of the batch: μ_m everywhere. */
    NDArray allMissing(Forward forward, Batch batch, int m) {
        boolean[] absent = new boolean[batch.size()];
        Arrays.fill(absent, true);
        return filled(forward, m, batch.features(m).zerosLike(), absent, batch.manager());
    }

    /** {@code x + a·μ_m} for inputs x (zeros in absent rows) and absence flags a. */
    private NDArray filled(Forward forward, int m, NDArray x, boolean[] absent, NDManager manager) {
        float[] a = new float[absent.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = absent[i] ? 1f : 0f;
        }
        NDArray packed = x.concat(manager.create(a, new Shape(a.length, 1)), 1);
        return forward.through(groups.get(m), packed);
    }
}
