package org.mla4j.method.shared;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.engine.Scalars;
import org.mla4j.method.baseline.Concat;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * A linear classifier over the concatenated modality features, and its unimodal probes.
 *
 * <pre>
 *   ŷ       = W [h_1; …; h_M] + b                  (W: C × M·s, group {@code head})
 *   probe_m = W[:, (m−1)s : m·s] h_m + b / M       (column block m of W)
 * </pre>
 *
 * The probes add up to the fused output ({@code Σ_m probe_m = ŷ}), which is why they are the usual
 * way to read one modality's contribution out of a concatenation model (Concat, OGM-GE).
 */
public final class ConcatHead {
    private final ParameterGroup group;
    private final int featureSize;
    private final int numModalities;
    private final int numClasses;

    public ConcatHead(ModelSpec spec, NDManager manager) {
        this.featureSize = spec.featureSize();
        this.numModalities = spec.numModalities();
        this.numClasses = spec.numClasses();
        this.group = new ParameterGroup("head",
                Blocks.linear(numModalities * featureSize, spec.numClasses(), manager));
    }

    public ParameterGroup group() {
        return group;
    }

    /** The fused logits {@code W [h_1; …; h_M] + b}. */
    public NDArray forward(Forward forward, List<NDArray> features) {
        return forward.through(group, NDArrays.concat(new NDList(features), 1));
    }

    /**
     * Modality m's probe {@code W[:, block m] h_m + b/M} on the head's current values (no gradient;
     * computed in the features' manager).
     */
    public NDArray probe(int m, NDArray features) {
        NDArray weight = group.parameters().get(0).getArray().stopGradient(); // C × M·s
        NDArray bias = group.parameters().get(1).getArray().stopGradient();   // C
        NDArray block = weight.get(new NDIndex(":, {}:{}", m * featureSize, (m + 1) * featureSize));
        NDArray share = bias.div(Scalars.of(features.getManager(), numModalities));
        return features.stopGradient().matMul(block.transpose()).add(share);
    }

    /** Fused logits plus every modality's probe, for a batch encoded by {@code encoders}. */
    public Predictions predict(Batch batch, ModalityEncoders encoders) {
        Forward inference = Forward.inference(batch.manager());
        List<NDArray> features = encoders.forwardAll(inference, batch);
        NDArray[] probes = new NDArray[features.size()];
        for (int m = 0; m < probes.length; m++) {
            probes[m] = probe(m, features.get(m));
        }
        return Predictions.joint(batch, numClasses, forward(inference, features), probes);
    }
}
