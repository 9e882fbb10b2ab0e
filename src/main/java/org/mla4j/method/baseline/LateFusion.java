package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Losses;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.method.shared.DynamicFusion;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.method.shared.JointTraining;
import org.mla4j.method.shared.UnimodalBranches;
import org.mla4j.method.shared.UnimodalPrediction;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.settings.Setting;

/**
 * Late fusion: every modality has its own encoder and head, trained only on its own loss; the
 * logits are combined at test time.
 *
 * <pre>
 *   f_m(x_m) = W_m h_m(x_m) + b_m
 *   loss     = Σ_m CE(f_m(x_m))   over the samples that have m (the branches share nothing, so this
 *                                  is the same as training each modality alone)
 *   ŷ        = Σ_{m present} λ_m f_m(x_m)
 * </pre>
 *
 * The fusion weights λ follow {@code options.fusion}: {@code mean} (λ_m = 1/|present|, the
 * spec's late fusion and the default for this method) or {@code dynamic} (MLA's entropy weights,
 * {@link DynamicFusion}). Unimodal evaluation: {@code f_m(x_m)}. A missing modality takes no part in
 * training (a branch with no sample in a batch is not updated at all) and is left out of the fusion.
 */
public final class LateFusion implements Method {
    /** Late fusion's test-time fusion; the plain mean by default, the spec's definition of this baseline. */
    public static final Setting<FusionMode> FUSION = CommonSettings.FUSION.withDefault(FusionMode.MEAN);

    private final ModelSpec spec;
    private final FusionMode fusion;
    private final NDManager manager;
    private final UnimodalBranches branches;

    public LateFusion(ModelSpec spec, FusionMode fusion, NDManager parent) {
        this.spec = spec;
        this.fusion = fusion;
        this.manager = parent.newSubManager();
        this.branches = new UnimodalBranches(spec, manager);
    }

    @Override
    public String name() {
        return "late";
    }

    public FusionMode fusion() {
        return fusion;
    }

    @Override
    public List<ParameterGroup> groups() {
        return branches.groups();
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        List<ParameterGroup> trained = new ArrayList<>();
        try (GradientCollector collector = step.collector()) {
            NDArray total = null;
            for (int m = 0; m < branches.size(); m++) {
                Batch.Subset subset = batch.only(m);
                if (subset.size() == 0) {
                    continue;
                }
                NDArray loss = Losses.crossEntropy(
                        branches.logits(step, m, subset.features()), subset.oneHot());
                step.recordLoss("loss_" + spec.modalities().get(m).name(), loss);
                total = total == null ? loss : total.add(loss);
                trained.addAll(branches.branch(m));
            }
            if (total == null) {
                return;
            }
            collector.backward(total);
        }
        JointTraining.updateAll(step, trained);
    }

    @Override
    public Predictions predict(Batch batch) {
        Forward inference = Forward.inference(batch.manager());
        return UnimodalPrediction.predict(batch, spec.numClasses(),
                m -> branches.logits(inference, m, batch.features(m)), UnimodalPrediction.Fusion.of(fusion));
    }

    @Override
    public void close() {
        manager.close();
    }
}
