package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.Scalars;
import org.mla4j.method.shared.ConditionModality;
import org.mla4j.method.shared.JointTraining;
import org.mla4j.method.shared.ModalityEncoders;
import org.mla4j.method.shared.ZeroedOthersPrediction;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * FiLM fusion (feature-wise linear modulation, Perez et al., AAAI 2018): a conditioning modality c
 * scales and shifts the features of the others.
 *
 * <pre>
 *   [Δγ; β] = A h_c + a                             (A: 2s × s, group {@code film})
 *   z_x     = (1 + Δγ) ⊙ h_x + β                    for every modality x ≠ c
 *   ŷ       = W [z_x for x ≠ c, in modality order] + b   (W: C × (M−1)s, group {@code head})
 * </pre>
 *
 * The scale is offset by one as in the FiLM code base ({@code gamma_baseline=1}), so at
 * initialisation the modulation is close to the identity and the modulated modalities' encoders get
 * a gradient from the start; A, a, W and b are initialised as in OGM-GE's and MLA's code (Xavier-normal
 * weights, zero biases; the encoders keep PyTorch's default). Both measured over 3 seeds in
 * docs/methods.md. {@code h_c} reaches the classifier only through γ and β. With two modalities this
 * is the usual FiLM; with more, the one conditioning modality modulates each of the others and their modulated
 * features are concatenated. c is {@code options.condition_modality} (default: the dataset's
 * first). Trained jointly with {@code CE(ŷ)}. Unimodal evaluation: ŷ with every other modality's
 * input set to zero ({@link ZeroedOthersPrediction}); an absent modality enters as zeros.
 */
public final class Film implements Method {
    private final ModelSpec spec;
    private final int condition;
    private final NDManager manager;
    private final ModalityEncoders encoders;
    private final ParameterGroup film;
    private final ParameterGroup head;

    public Film(ModelSpec spec, String conditionModality, NDManager parent) {
        this.spec = spec;
        this.condition = ConditionModality.resolve(spec, conditionModality, "film");
        this.manager = parent.newSubManager();
        int s = spec.featureSize();
        this.encoders = new ModalityEncoders(spec, manager);
        // the fusion layers as OGM-GE's and MLA's code initialise them (Xavier-normal, zero bias): see class
        this.film = new ParameterGroup("film", Blocks.xavierLinear(s, 2 * s, manager));
        this.head = new ParameterGroup("head", Blocks.xavierLinear((spec.numModalities() - 1) * s, spec.numClasses(),
                manager));
    }

    @Override
    public String name() {
        return "film";
    }

    /** Index of the conditioning modality. */
    public int conditionModality() {
        return condition;
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.add(film);
        all.add(head);
        return all;
    }

    private NDArray forward(Forward forward, NDArray[] inputs) {
        int s = spec.featureSize();
        List<NDArray> h = encoders.forwardAll(forward, inputs);
        NDArray gammaBeta = forward.through(film, h.get(condition));
        NDArray gamma = gammaBeta.get(new NDIndex(":, 0:{}", s)).add(Scalars.of(gammaBeta.getManager(), 1f)); // 1+Δγ
        NDArray beta = gammaBeta.get(new NDIndex(":, {}:{}", s, 2 * s));
        NDList modulated = new NDList();
        for (int x = 0; x < h.size(); x++) {
            if (x != condition) {
                modulated.add(gamma.mul(h.get(x)).add(beta));
            }
        }
        NDArray z = modulated.size() == 1 ? modulated.singletonOrThrow() : NDArrays.concat(modulated, 1);
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
