package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Losses;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.Scalars;
import org.mla4j.method.shared.ZeroedOthersPrediction;
import org.mla4j.nn.FcNet;
import org.mla4j.nn.ParameterGroup;

/**
 * IF-MMIN, MMIN with modality-invariant features (Zuo et al., ICASSP 2023), on feature vectors (spec
 * MISSING-BASELINES §7). One shared encoder S = Linear(w,w)–LeakyReLU–Linear(w,w)–LeakyReLU maps every
 * modality's code into a common space. Two stages in one run:
 *
 * <pre>
 *   teacher (epochs 0..T−1, complete samples):  h_m = Enc^T_m(x_m),  s_m = S^T(h_m)
 *     L = CE(C^T([h_1..h_M ‖ s_1..s_M]), y) + mean_{i<j} CMD_5(s_i, s_j)
 *   student (from epoch T; Enc_m ← Enc^T_m, S ← S^T, both trained):
 *     h = [Enc_m(x̃_m)],  s = [S(Enc_m(x̃_m))],  (ĥ, z) = IF-IM(h, s),  ŷ = C(z)
 *     t = [Enc^T_m(x_m·(1 − s_m))],  s* = [S^T(Enc^T_m(x_m))]        frozen teacher, eval mode, no gradient
 *     L = CE(ŷ, y) + λ_mse·MSE(ĥ, t) + λ_inv·MSE(s, s*)                 λ_mse = λ_inv = 1
 * </pre>
 *
 * IF-IM is the conditioned residual cascade ({@link ResidualCascade.Mode#CONDITIONED}: s is added to
 * every block's input; 5 blocks of 256-128-64). No cycle. Targets, simulated drops and prediction as in
 * {@link Mmin}; the invariant codes of absent modalities are S(Enc_m(0)), as the original keeps them.
 */
public final class IfMmin extends TwoStageMethod {
    private final NDManager manager;
    private final IfMminOptions options;
    private final int numClasses;
    private final FcEncoderSet teacherEncoders;
    private final ParameterGroup teacherShared;
    private final ParameterGroup teacherClassifier;
    private final FcEncoderSet encoders;
    private final ParameterGroup shared;
    private final ResidualCascade imagination;
    private final ParameterGroup imaginationGroup;
    private final ParameterGroup classifier;

    public IfMmin(ModelSpec spec, IfMminOptions options, NDManager parent) {
        super(new TeacherStage("if-mmin", options.teacherEpochs()));
        this.manager = parent.newSubManager();
        this.options = options;
        this.numClasses = spec.numClasses();
        int m = spec.numModalities();
        this.teacherEncoders = new FcEncoderSet(spec, "teacher.encoder.", 0.3f, FcNet.Init.KAIMING, manager);
        int w = teacherEncoders.width();
        this.teacherShared = new ParameterGroup("teacher.shared", sharedEncoder(w, FcNet.Init.KAIMING, manager));
        this.teacherClassifier = new ParameterGroup("teacher.classifier",
                FcEncoders.block(spec.encoder(), 2 * w * m, numClasses, 0.3f, FcNet.Init.KAIMING, manager));
        this.encoders = new FcEncoderSet(spec, "encoder.", 0.5f, FcNet.Init.NORMAL_002, manager);
        this.shared = new ParameterGroup("shared", sharedEncoder(w, FcNet.Init.NORMAL_002, manager));
        this.imagination = new ResidualCascade(ResidualCascade.Mode.CONDITIONED, w * m, Mmin.CASCADE_LAYERS,
                Mmin.CASCADE_BLOCKS, FcNet.Init.NORMAL_002, manager);
        this.imaginationGroup = new ParameterGroup("imagination", imagination);
        this.classifier = new ParameterGroup("classifier", FcEncoders.block(spec.encoder(), imagination.latentSize(),
                numClasses, 0.5f, FcNet.Init.NORMAL_002, manager));
    }

    /** S: Linear(w,w)–LeakyReLU–Linear(w,w)–LeakyReLU. */
    private static SequentialBlock sharedEncoder(int w, FcNet.Init init, NDManager manager) {
        SequentialBlock block = new SequentialBlock()
                .add(FcNet.builder(w).hidden(w).activation(FcNet.Act.LEAKY_RELU).init(init).build(w, manager))
                .add(Activation.leakyReluBlock(0.01f));
        block.initialize(manager, DataType.FLOAT32, new Shape(1, w));
        return block;
    }

    @Override
    public String name() {
        return "if-mmin";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(teacherGroups());
        all.addAll(studentGroups());
        return all;
    }

    private List<ParameterGroup> teacherGroups() {
        return teacherEncoders.groupsAnd(teacherShared, teacherClassifier);
    }

    private List<ParameterGroup> studentGroups() {
        return encoders.groupsAnd(shared, imaginationGroup, classifier);
    }

    @Override
    void startStudent() {
        for (int m = 0; m < encoders.size(); m++) {
            TeacherStage.copy(teacherEncoders.get(m), encoders.get(m));
        }
        TeacherStage.copy(teacherShared, shared);
    }

    @Override
    void trainStudent(Batch batch, MissingViews views, TrainingStep step) {
        Forward frozen = Forward.inference(batch.manager());
        NDArray target = teacherEncoders.concat(frozen, views.reverse()).stopGradient();
        NDArray invariantTarget = invariantCodes(frozen, teacherShared, teacherEncoders.each(frozen, views.full()))
                .stopGradient();
        NDArray weights = views.knownWeights();
        int known = (int) weights.sum().getFloat();
        int m = encoders.size();
        NDManager bm = batch.manager();
        try (GradientCollector collector = step.collector()) {
            NDArray[] codes = encoders.each(step, views.fed());
            NDArray h = NDArrays.concat(new NDList(codes), 1);
            NDArray s = invariantCodes(step, shared, codes);
            NDArray out = step.through(imaginationGroup, NDArrays.concat(new NDList(h, s), 1));
            NDArray logits = step.through(classifier, imagination.latents(out));
            NDArray ce = Losses.crossEntropy(logits, batch.oneHot());
            NDArray imaginationLoss = MissingLosses.slotMse(imagination.reconstruction(out), target, weights, m, known);
            NDArray invariantLoss = MissingLosses.slotMse(s, invariantTarget, weights, m, known);
            NDArray loss = ce.add(imaginationLoss.mul(Scalars.of(bm, (float) options.imaginationWeight())))
                    .add(invariantLoss.mul(Scalars.of(bm, (float) options.invariantWeight())));
            collector.backward(loss);
            step.recordLoss("loss", loss);
            step.recordLoss("ce", ce);
            step.recordLoss("imagination", imaginationLoss);
            step.recordLoss("invariant", invariantLoss);
        }
        for (ParameterGroup g : studentGroups()) {
            step.update(g);
        }
    }

    /** {@code [S(h_1) ‖ … ‖ S(h_M)]}. */
    private static NDArray invariantCodes(Forward forward, ParameterGroup s, NDArray[] codes) {
        NDList parts = new NDList();
        for (NDArray c : codes) {
            parts.add(forward.through(s, c));
        }
        return NDArrays.concat(parts, 1);
    }

    /** Stage 1: CE of the teacher plus the mean pairwise CMD of its invariant codes, on complete samples. */
    @Override
    void trainTeacher(Batch batch, MissingViews views, TrainingStep step) {
        long[] rows = views.completeRows();
        if (rows.length == 0) {
            return;
        }
        NDArray index = batch.manager().create(rows);
        NDArray[] inputs = new NDArray[encoders.size()];
        for (int m = 0; m < inputs.length; m++) {
            inputs[m] = views.full()[m].get(index);
        }
        try (GradientCollector collector = step.collector()) {
            NDArray[] codes = teacherEncoders.each(step, inputs);
            NDArray[] invariant = new NDArray[codes.length];
            NDList all = new NDList(codes);
            for (int m = 0; m < codes.length; m++) {
                invariant[m] = step.through(teacherShared, codes[m]);
            }
            all.addAll(new NDList(invariant));
            NDArray logits = step.through(teacherClassifier, NDArrays.concat(all, 1));
            NDArray ce = Losses.crossEntropy(logits, batch.oneHot().get(index));
            NDArray cmd = CentralMomentDiscrepancy.averageOverPairs(invariant, CentralMomentDiscrepancy.ORDER);
            NDArray loss = ce.add(cmd);
            collector.backward(loss);
            step.recordLoss("teacher_ce", ce);
            step.recordLoss("teacher_cmd", cmd);
        }
        for (ParameterGroup g : teacherGroups()) {
            step.update(g);
        }
    }

    NDArray logits(Forward forward, NDArray[] inputs) {
        NDArray[] codes = encoders.each(forward, inputs);
        NDArray h = NDArrays.concat(new NDList(codes), 1);
        NDArray out = forward.through(imaginationGroup, NDArrays.concat(new NDList(h, invariantCodes(forward, shared,
                codes)), 1));
        return forward.through(classifier, imagination.latents(out));
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
        return ZeroedOthersPrediction.predict(batch, numClasses, modalities, inputs -> logits(inference, inputs));
    }

    @Override
    public void close() {
        manager.close();
    }
}
