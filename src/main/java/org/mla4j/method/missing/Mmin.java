package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * MMIN, the missing modality imagination network (Zhao et al., ACL 2021), as GCNet ports it to feature
 * vectors (spec MISSING-BASELINES §6). Two stages in one run:
 *
 * <pre>
 *   teacher (epochs 0..T−1, complete samples):  CE(C^T([Enc^T_1(x_1) ‖ … ‖ Enc^T_M(x_M)]), y)
 *   student (from epoch T; Enc_m starts as a copy of Enc^T_m):
 *     h = [Enc_m(x̃_m)]_m,   (ĥ, z) = CRA_f(h),   h̃ = CRA_b(ĥ),   ŷ = C(z)
 *     t = [Enc^T_m(x_m·(1 − s_m))]_m         frozen teacher, eval mode, no gradient ("reverse" input)
 *     L = CE(ŷ, y) + w_i·MSE(ĥ, t) + w_c·MSE(h̃, stopgrad(h))          w_i = 4, w_c = 2
 * </pre>
 *
 * CRA_f and CRA_b are cumulative residual cascades ({@link ResidualCascade}, 5 blocks, 256-128-64) and
 * z ∈ R^{5·64} their latents. Where a simulated mask hid x_m, its standardised value is the ground truth;
 * a sample that truly lacks a modality gets the simulated drop of {@link MissingViews} and its truly
 * absent slots are left out of the imagination MSE. Prediction: zero-filled inputs through Enc, CRA_f and
 * C; modality m's own output is the model with every other modality zeroed (absent).
 */
public final class Mmin extends TwoStageMethod {
    static final int[] CASCADE_LAYERS = {256, 128, 64};
    static final int CASCADE_BLOCKS = 5;

    private final NDManager manager;
    private final MminOptions options;
    private final int numClasses;
    private final FcEncoderSet teacherEncoders;
    private final ParameterGroup teacherClassifier;
    private final FcEncoderSet encoders;
    private final ResidualCascade imagination;
    private final ParameterGroup imaginationGroup;
    private final ResidualCascade cycle;
    private final ParameterGroup cycleGroup;
    private final ParameterGroup classifier;

    public Mmin(ModelSpec spec, MminOptions options, NDManager parent) {
        super(new TeacherStage("mmin", options.teacherEpochs()));
        this.manager = parent.newSubManager();
        this.options = options;
        this.numClasses = spec.numClasses();
        int m = spec.numModalities();
        // GCNet: the teacher ("utt_fusion") Kaiming-initialised, dropout 0.3; the student N(0, 0.02), dropout 0.5
        this.teacherEncoders = new FcEncoderSet(spec, "teacher.encoder.", 0.3f, FcNet.Init.KAIMING, manager);
        int code = teacherEncoders.width() * m;
        this.teacherClassifier = new ParameterGroup("teacher.classifier",
                FcEncoders.block(spec.encoder(), code, numClasses, 0.3f, FcNet.Init.KAIMING, manager));
        this.encoders = new FcEncoderSet(spec, "encoder.", 0.5f, FcNet.Init.NORMAL_002, manager);
        this.imagination = new ResidualCascade(ResidualCascade.Mode.CUMULATIVE, code, CASCADE_LAYERS, CASCADE_BLOCKS,
                FcNet.Init.NORMAL_002, manager);
        this.imaginationGroup = new ParameterGroup("imagination", imagination);
        this.cycle = new ResidualCascade(ResidualCascade.Mode.CUMULATIVE, code, CASCADE_LAYERS, CASCADE_BLOCKS,
                FcNet.Init.NORMAL_002, manager);
        this.cycleGroup = new ParameterGroup("cycle", cycle);
        this.classifier = new ParameterGroup("classifier", FcEncoders.block(spec.encoder(), imagination.latentSize(),
                numClasses, 0.5f, FcNet.Init.NORMAL_002, manager));
    }

    @Override
    public String name() {
        return "mmin";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(teacherGroups());
        all.addAll(studentGroups());
        return all;
    }

    List<ParameterGroup> teacherGroups() {
        return teacherEncoders.groupsAnd(teacherClassifier);
    }

    private List<ParameterGroup> studentGroups() {
        return encoders.groupsAnd(imaginationGroup, cycleGroup, classifier);
    }

    @Override
    void startStudent() {
        for (int m = 0; m < encoders.size(); m++) {
            TeacherStage.copy(teacherEncoders.get(m), encoders.get(m));
        }
    }

    @Override
    void trainStudent(Batch batch, MissingViews views, TrainingStep step) {
        NDArray target = imaginationTarget(views, batch.manager());
        NDArray weights = views.knownWeights();
        int known = (int) weights.sum().getFloat();
        NDManager bm = batch.manager();
        try (GradientCollector collector = step.collector()) {
            NDArray h = encoders.concat(step, views.fed());
            NDArray out = step.through(imaginationGroup, h);
            NDArray imagined = imagination.reconstruction(out);
            NDArray logits = step.through(classifier, imagination.latents(out));
            NDArray cycled = cycle.reconstruction(step.through(cycleGroup, imagined));
            NDArray ce = Losses.crossEntropy(logits, batch.oneHot());
            NDArray imaginationLoss = MissingLosses.slotMse(imagined, target, weights, encoders.size(), known);
            NDArray cycleLoss = MissingLosses.mse(cycled, h.stopGradient());
            NDArray loss = ce.add(imaginationLoss.mul(Scalars.of(bm, (float) options.imaginationWeight())))
                    .add(cycleLoss.mul(Scalars.of(bm, (float) options.cycleWeight())));
            collector.backward(loss);
            step.recordLoss("loss", loss);
            step.recordLoss("ce", ce);
            step.recordLoss("imagination", imaginationLoss);
            step.recordLoss("cycle", cycleLoss);
        }
        for (ParameterGroup g : studentGroups()) {
            step.update(g);
        }
    }

    /** Stage 1: CE of the teacher on the batch's complete samples (all modalities known). */
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
            NDArray logits = step.through(teacherClassifier, teacherEncoders.concat(step, inputs));
            NDArray loss = Losses.crossEntropy(logits, batch.oneHot().get(index));
            collector.backward(loss);
            step.recordLoss("teacher_ce", loss);
        }
        for (ParameterGroup g : teacherGroups()) {
            step.update(g);
        }
    }

    /** The student's logits for zero-filled inputs. */
    NDArray logits(Forward forward, NDArray[] inputs) {
        NDArray out = forward.through(imaginationGroup, encoders.concat(forward, inputs));
        return forward.through(classifier, imagination.latents(out));
    }

    /**
     * The imagination target t = [Enc^T_m(x_m·(1 − s_m))]: the frozen teacher in eval mode (no dropout)
     * on the reverse input, outside the graph.
     */
    NDArray imaginationTarget(MissingViews views, NDManager batchManager) {
        return teacherEncoders.concat(Forward.inference(batchManager), views.reverse()).stopGradient();
    }

    /** Teacher encoder m (tests). */
    ParameterGroup teacherEncoder(int m) {
        return teacherEncoders.get(m);
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
