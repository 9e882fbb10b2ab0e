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
import org.mla4j.nn.ParameterGroup;

/**
 * TATE, the tag-assisted transformer encoder (Zeng et al., SIGIR 2022 / IEEE TMM 2022), in the spec's
 * flat-vector adaptation ({@link TateNet}; MISSING-BASELINES §9). Two networks of the same shape in one
 * run: a teacher trained on complete samples for the first T epochs (tag "complete"), then a fresh
 * student on the zero-filled, tagged training data:
 *
 * <pre>
 *   L = CE(ŷ, y) + 0.1·½·1e-4·(‖W_out‖² + ‖b_out‖²) + w_t·SKL(e, e^T) + w_r·SKL(r, u) + w_g·mean|tag − σ(p_tag)|
 * </pre>
 *
 * with SKL the symmetric KL of the softmax over each token's features averaged over tokens and samples,
 * e^T the frozen teacher's encoder output on the complete sample (eval mode, no gradient; the teacher
 * stage has no such term) and w_t = w_r = w_g = 0.1. CE and the KLs are means over the batch (TATE's code
 * sums them; the weights are kept). Hidden values and simulated drops as {@link MissingViews}; the tag
 * always says what the network is fed ({@link MissingTag}). Modality m's own output is the student fed
 * x_m alone, tagged so.
 */
public final class Tate extends TwoStageMethod {
    private static final float L2 = 0.5f * 1e-4f * 0.1f;

    private final NDManager manager;
    private final TateOptions options;
    private final int numClasses;
    private final TateNet teacher;
    private final TateNet student;

    public Tate(ModelSpec spec, TateOptions options, NDManager parent) {
        super(new TeacherStage("tate", options.teacherEpochs()));
        this.manager = parent.newSubManager();
        this.options = options;
        this.numClasses = spec.numClasses();
        this.teacher = new TateNet(spec, "teacher.", manager);
        this.student = new TateNet(spec, "", manager);
    }

    @Override
    public String name() {
        return "tate";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(teacher.groups());
        all.addAll(student.groups());
        return all;
    }

    /** The teacher on the batch's complete samples, tagged complete. */
    @Override
    void trainTeacher(Batch batch, MissingViews views, TrainingStep step) {
        NDManager bm = batch.manager();
        long[] rows = views.completeRows();
        if (rows.length == 0) {
            return;
        }
        NDArray index = bm.create(rows);
        NDArray[] inputs = new NDArray[views.full().length];
        boolean[][] all = new boolean[inputs.length][rows.length];
        for (int m = 0; m < inputs.length; m++) {
            inputs[m] = views.full()[m].get(index);
            java.util.Arrays.fill(all[m], true);
        }
        train(step, teacher, inputs, MissingTag.tensor(all, bm), batch.oneHot().get(index), null, bm);
    }

    @Override
    void trainStudent(Batch batch, MissingViews views, TrainingStep step) {
        NDManager bm = batch.manager();
        NDArray target = teacher.encode(Forward.inference(bm), views.full(), MissingTag.tensor(views.knownFlags(), bm))
                .stopGradient();
        train(step, student, views.fed(), MissingTag.tensor(views.fedFlags(), bm), batch.oneHot(), target, bm);
    }

    /** One step of {@code net}; {@code target} is the teacher's encoder output (null while the teacher trains). */
    private void train(TrainingStep step, TateNet net, NDArray[] inputs, NDArray tag, NDArray oneHot, NDArray target,
                       NDManager bm) {
        try (GradientCollector collector = step.collector()) {
            TateNet.Pass pass = net.forward(step, inputs, tag);
            NDArray ce = Losses.crossEntropy(pass.logits(), oneHot);
            NDArray decoder = MissingLosses.symmetricKl(pass.decoded(), pass.tokens());
            NDArray tagLoss = net.predictedTag(pass.pooled()).sub(tag).abs().mean();
            NDArray loss = ce.add(net.outputSquares().mul(Scalars.of(bm, L2)))
                    .add(decoder.mul(Scalars.of(bm, (float) options.decoderWeight())))
                    .add(tagLoss.mul(Scalars.of(bm, (float) options.tagWeight())));
            String prefix = target == null ? "teacher_" : "";
            if (target != null) {
                NDArray toTeacher = MissingLosses.symmetricKl(pass.encoded(), target);
                loss = loss.add(toTeacher.mul(Scalars.of(bm, (float) options.teacherWeight())));
                step.recordLoss("to_teacher", toTeacher);
            }
            collector.backward(loss);
            step.recordLoss(prefix + "loss", loss);
            step.recordLoss(prefix + "ce", ce);
            step.recordLoss(prefix + "decoder", decoder);
            step.recordLoss(prefix + "tag", tagLoss);
        }
        for (ParameterGroup g : net.groups()) {
            step.update(g);
        }
    }

    /** The student's tagged tokens u for a batch as predict feeds it (tests). */
    NDArray tokensFor(Batch batch) {
        NDArray[] inputs = new NDArray[batch.numModalities()];
        boolean[][] present = new boolean[inputs.length][];
        for (int m = 0; m < inputs.length; m++) {
            inputs[m] = batch.features(m);
            present[m] = batch.present(m);
        }
        return student.tokens(Forward.inference(batch.manager()), inputs, MissingTag.tensor(present, batch.manager()));
    }

    /** The student's logits for inputs with the given presence (the tag follows it). */
    NDArray logits(Forward forward, NDArray[] inputs, boolean[][] present, NDManager bm) {
        return student.forward(forward, inputs, MissingTag.tensor(present, bm)).logits();
    }

    @Override
    public Predictions predict(Batch batch) {
        return predict(batch, true);
    }

    @Override
    public Predictions predictFused(Batch batch) {
        return predict(batch, false);
    }

    /** The fused logits and, with {@code modalities}, each modality's own: the others zeroed and tagged missing. */
    private Predictions predict(Batch batch, boolean modalities) {
        NDManager bm = batch.manager();
        Forward inference = Forward.inference(bm);
        int numModalities = batch.numModalities();
        NDArray[] inputs = new NDArray[numModalities];
        boolean[][] present = new boolean[numModalities][];
        for (int m = 0; m < numModalities; m++) {
            inputs[m] = batch.features(m);
            present[m] = batch.present(m);
        }
        NDArray fused = logits(inference, inputs, present, bm);
        if (!modalities) {
            return Predictions.fusedOnly(batch, numClasses, fused);
        }
        NDArray[] unimodal = new NDArray[numModalities];
        for (int m = 0; m < numModalities; m++) {
            NDArray[] only = new NDArray[numModalities];
            boolean[][] onlyPresent = new boolean[numModalities][batch.size()];
            for (int j = 0; j < numModalities; j++) {
                only[j] = j == m ? inputs[j] : inputs[j].zerosLike();
            }
            java.util.Arrays.fill(onlyPresent[m], true);
            unimodal[m] = logits(inference, only, onlyPresent, bm);
        }
        return Predictions.joint(batch, numClasses, fused, unimodal);
    }

    @Override
    public void close() {
        manager.close();
    }
}
