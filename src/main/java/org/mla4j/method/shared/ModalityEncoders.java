package org.mla4j.method.shared;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * One encoder per modality, {@code h_m = encoder_m(x_m)}, each its own parameter group named
 * {@code encoder.<modality>}, built in the dataset's modality order. Every method has these; what
 * differs between methods is what sits on top of them.
 */
public final class ModalityEncoders {
    private final List<ParameterGroup> groups;

    public ModalityEncoders(ModelSpec spec, NDManager manager) {
        List<ParameterGroup> list = new ArrayList<>();
        for (int m = 0; m < spec.numModalities(); m++) {
            Modality modality = spec.modalities().get(m);
            list.add(new ParameterGroup("encoder." + modality.name(), Blocks.encoder(spec.encoder(), modality, manager)));
        }
        this.groups = Collections.unmodifiableList(list);
    }

    public int size() {
        return groups.size();
    }

    /** Encoder m's parameter group. */
    public ParameterGroup get(int m) {
        return groups.get(m);
    }

    /** All encoder groups, in modality order. */
    public List<ParameterGroup> groups() {
        return groups;
    }

    /** {@code h_m(x)} for an {@code n × d_m} input. */
    public NDArray forward(Forward forward, int m, NDArray input) {
        return forward.through(groups.get(m), input);
    }

    /** {@code [h_1(x_1), …, h_M(x_M)]} for a batch (absent rows hold zeros, as joint methods use them). */
    public List<NDArray> forwardAll(Forward forward, Batch batch) {
        return forwardAll(forward, inputs(batch));
    }

    /** The batch's per-modality inputs as an array. */
    public static NDArray[] inputs(Batch batch) {
        NDArray[] inputs = new NDArray[batch.numModalities()];
        for (int m = 0; m < inputs.length; m++) {
            inputs[m] = batch.features(m);
        }
        return inputs;
    }

    /** {@code [h_1(x_1), …, h_M(x_M)]} for per-modality inputs (absent rows hold zeros). */
    public List<NDArray> forwardAll(Forward forward, NDArray[] inputs) {
        List<NDArray> features = new ArrayList<>(inputs.length);
        for (int m = 0; m < inputs.length; m++) {
            features.add(forward(forward, m, inputs[m]));
        }
        return features;
    }
}
