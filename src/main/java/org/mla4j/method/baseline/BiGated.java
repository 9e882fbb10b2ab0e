package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.method.shared.ConditionModality;
import org.mla4j.method.shared.JointTraining;
import org.mla4j.method.shared.ModalityEncoders;
import org.mla4j.method.shared.ZeroedOthersPrediction;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * Gated fusion: a gating modality c opens or closes, feature by feature, the projected features of
 * the others.
 *
 * <pre>
 *   o_m = V_m h_m + v_m                          for every modality m (V_m: s × s, group {@code gate.<m>})
 *   g   = σ(o_c)
 *   z_x = g ⊙ o_x                                for every modality x ≠ c
 *   ŷ   = W [z_x for x ≠ c, in modality order] + b   (W: C × (M−1)s, group {@code head})
 * </pre>
 *
 * The projections and the head are initialised as in OGM-GE's and MLA's code (Xavier-normal weights,
 * zero biases; the encoders keep PyTorch's default): with PyTorch's default the loss sat at ln C for
 * many epochs on many classes (docs/methods.md). With two modalities this is the gated fusion of the
 * OGM-GE paper's baselines (Kiela et al. 2018); with more, the one
 * gating modality gates each of the others and the gated features are concatenated. c is
 * {@code options.condition_modality} (default: the dataset's first). Trained jointly with
 * {@code CE(ŷ)}. Unimodal evaluation: ŷ with every other modality's input set to zero
 * ({@link ZeroedOthersPrediction}); an absent modality enters as zeros.
 */
public final class BiGated implements Method {
    private final ModelSpec spec;
    private final int gating;
    private final NDManager manager;
    private final ModalityEncoders encoders;
    private final List<ParameterGroup> projections = new ArrayList<>();
    private final ParameterGroup head;

    public BiGated(ModelSpec spec, String gatingModality, NDManager parent) {
        this.spec = spec;
        this.gating = ConditionModality.resolve(spec, gatingModality, "bigated");
        this.manager = parent.newSubManager();
        int s = spec.featureSize();
        this.encoders = new ModalityEncoders(spec, manager);
        // the fusion layers as OGM-GE's and MLA's code initialise them (Xavier-normal, zero bias): see class
        for (var modality : spec.modalities()) {
            projections.add(new ParameterGroup("gate." + modality.name(), Blocks.xavierLinear(s, s, manager)));
        }
        this.head = new ParameterGroup("head", Blocks.xavierLinear((spec.numModalities() - 1) * s, spec.numClasses(),
                manager));
    }

    @Override
    public String name() {
        return "bigated";
    }

    /** Index of the gating modality. */
    public int gatingModality() {
        return gating;
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.addAll(projections);
        all.add(head);
        return all;
    }

    private NDArray forward(Forward forward, NDArray[] inputs) {
        List<NDArray> h = encoders.forwardAll(forward, inputs);
        NDArray gate = Activation.sigmoid(forward.through(projections.get(gating), h.get(gating)));
        NDList gated = new NDList();
        for (int x = 0; x < h.size(); x++) {
            if (x != gating) {
                gated.add(gate.mul(forward.through(projections.get(x), h.get(x))));
            }
        }
        NDArray z = gated.size() == 1 ? gated.singletonOrThrow() : NDArrays.concat(gated, 1);
        return forward.through(head, z);
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        JointTraining.crossEntropyStep(batch, step, groups(),
                (forward, b) -> forward(forward, ModalityEncoders.inputs(b)));
    }

    @Override
    public Predictions predict(Batch batch) {
        return predict(batch, true);
    }

    @Override
    public Predictions predictFused(Batch batch) {
        return predict(batch, false);
    }

    private Predictions predict(Batch batch, boolean modalities) {
        Forward inference = Forward.inference(batch.manager());
        return ZeroedOthersPrediction.predict(batch, spec.numClasses(), modalities,
                inputs -> forward(inference, inputs));
    }

    @Override
    public void close() {
        manager.close();
    }
}
