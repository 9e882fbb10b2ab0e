package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.nn.FcNet;
import org.mla4j.nn.ParameterGroup;

/**
 * One GCNet "FC-Enc" per modality (spec MISSING-BASELINES §0.3), each its own parameter group named
 * {@code <prefix><modality>}: {@code Linear(d_m,w)–ReLU–Dropout(p)–…–Linear(w,w)}, {@code layers}
 * Linear layers of width w (the shared encoder settings' {@code layers} and {@code width}; 3 × 128 by
 * default, MLA's backbone), no activation after the last. The encoders read flat rows whatever the
 * encoder type says: these baselines are defined on feature vectors. Generic: any missing-modality
 * baseline that encodes each modality with an FC net can use it (teachers and students alike).
 */
public final class FcEncoderSet {
    private final List<ParameterGroup> groups;
    private final int width;

    public FcEncoderSet(ModelSpec spec, String prefix, float dropout, FcNet.Init init, NDManager manager) {
        this.width = spec.encoder().width();
        List<ParameterGroup> list = new ArrayList<>();
        for (Modality m : spec.modalities()) {
            list.add(new ParameterGroup(prefix + m.name(), FcEncoders.block(spec.encoder(), m.dim(), width, dropout, init, manager)));
        }
        this.groups = Collections.unmodifiableList(list);
    }

    /** Features per modality (w). */
    public int width() {
        return width;
    }

    public int size() {
        return groups.size();
    }

    public ParameterGroup get(int m) {
        return groups.get(m);
    }

    public List<ParameterGroup> groups() {
        return groups;
    }

    /** The encoders' groups followed by {@code more}, in that order (a model's optimiser groups). */
    public List<ParameterGroup> groupsAnd(ParameterGroup... more) {
        List<ParameterGroup> g = new ArrayList<>(groups);
        g.addAll(List.of(more));
        return g;
    }

    /** {@code [Enc_1(x_1) ‖ … ‖ Enc_M(x_M)]}: n × (w·M). */
    public NDArray concat(Forward forward, NDArray[] inputs) {
        return NDArrays.concat(new NDList(each(forward, inputs)), 1);
    }

    /** {@code Enc_m(x_m)} for every m, n × w each. */
    public NDArray[] each(Forward forward, NDArray[] inputs) {
        NDArray[] out = new NDArray[inputs.length];
        for (int m = 0; m < inputs.length; m++) {
            out[m] = forward.through(groups.get(m), inputs[m]);
        }
        return out;
    }
}
