package org.mla4j.method.shared;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.method.baseline.Sum;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * Per modality an encoder and its own linear head, {@code f_m(x_m) = W_m h_m(x_m) + b_m} with
 * {@code W_m} of shape C × s. Groups: {@code encoder.<modality>} (all, in modality order), then
 * {@code head.<modality>}. The architecture of Sum, late fusion and QMF; they differ in how the
 * branches are trained and fused.
 */
public final class UnimodalBranches {
    private final ModalityEncoders encoders;
    private final List<ParameterGroup> heads;

    public UnimodalBranches(ModelSpec spec, NDManager manager) {
        this.encoders = new ModalityEncoders(spec, manager);
        List<ParameterGroup> list = new ArrayList<>();
        for (var modality : spec.modalities()) {
            list.add(new ParameterGroup("head." + modality.name(),
                    Blocks.linear(spec.featureSize(), spec.numClasses(), manager)));
        }
        this.heads = Collections.unmodifiableList(list);
    }

    public int size() {
        return heads.size();
    }

    /** {@code f_m(x)} for an {@code n × d_m} input: n × C logits. */
    public NDArray logits(Forward forward, int m, NDArray input) {
        return forward.through(heads.get(m), encoders.forward(forward, m, input));
    }

    /** Encoder m and head m: what branch m's loss moves. */
    public List<ParameterGroup> branch(int m) {
        return List.of(encoders.get(m), heads.get(m));
    }

    /** Every group: the encoders, then the heads. */
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.addAll(heads);
        return all;
    }
}
