package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Losses;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.Scalars;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.shared.ZeroedOthersPrediction;
import org.mla4j.nn.FcNet;
import org.mla4j.nn.ParameterGroup;

/**
 * The model AE ({@link Ae}) and CRA ({@link Cra}) share (GCNet's {@code mmin_AE} and {@code mmin_CRA}; spec
 * MISSING-BASELINES §4–5). With W = w·M (384 for three modalities of width 128):
 * <pre>
 *   x̃_m = s_m·x_m                                            (zero fill)
 *   h   = [Enc_1(x̃_1); …; Enc_M(x̃_M)]                        Enc_m = FC-Enc(d_m → w), dropout 0.5
 *   ĥ   = J(h)                                                 J: the joint autoencoder (AE) or residual cascade (CRA)
 *   x̂_m = Dec_m(ĥ)                                             Dec_m = FC-Enc(W → d_m), dropout 0.5
 *   ŷ   = C(ĥ)                                                 C = FC-Enc(W → K), dropout 0.5
 *   L   = CE(ŷ) + w_r · Σ_m Σ_n t_nm · (1/d_m) ‖x̂_nm − x_nm‖²  (summed over the batch, averaged over dimensions)
 * </pre>
 * t_nm marks the cells to reconstruct, the missing ones only ({@link ReconstructionTargets}: the cells a
 * simulated mask hid, with their hidden values; or, when the data truly lack cells, a simulated drop among
 * the observed ones). Observed inputs get no reconstruction loss. Every network is its own parameter group
 * (so clipping is per network, as GCNet clips per module); a decoder with no target in a batch is not
 * updated. Inference: zero fill, argmax C(ĥ); the decoders are unused. Unimodal output for m: the model
 * fed modality m alone (every other input zero, i.e. missing).
 */
abstract class AutoencoderImputer implements Method {
    private static final float DROPOUT = 0.5f;

    private final ModelSpec spec;
    private final double weight;
    private final NDManager manager;
    private final List<ParameterGroup> encoders;
    private final ParameterGroup joint;
    private final List<ParameterGroup> decoders;
    private final ParameterGroup classifier;
    private ReconstructionTargets.Source source = ReconstructionTargets.Source.NONE;

    /** @param joint builds J for inputs of width W in the given manager */
    AutoencoderImputer(ModelSpec spec, double weight, String jointName,
                       BiFunction<Integer, NDManager, Block> joint, NDManager parent) {
        if (spec.numModalities() < 2) {
            throw new InvalidInputException("ae and cra need at least 2 modalities, the data have "
                    + spec.numModalities());
        }
        this.spec = spec;
        this.weight = weight;
        this.manager = parent.newSubManager();
        int width = spec.encoder().width() * spec.numModalities();
        this.encoders = new FcEncoderSet(spec, "encoder.", DROPOUT, FcNet.Init.NORMAL_002, manager).groups();
        this.joint = new ParameterGroup(jointName, joint.apply(width, manager));
        this.decoders = FcEncoders.decoders(spec, "decoder", width, DROPOUT, manager);
        this.classifier = new ParameterGroup("classifier",
                FcEncoders.block(spec.encoder(), width, spec.numClasses(), DROPOUT, manager));
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders);
        all.add(joint);
        all.addAll(decoders);
        all.add(classifier);
        return all;
    }

    @Override
    public boolean readsHiddenValues() {
        return true;
    }

    /** Whether the targets are the hidden cells, a simulated drop, or none (see {@link ReconstructionTargets}). */
    @Override
    public void prepare(TensorSplit fit, NDManager m) {
        source = ReconstructionTargets.sourceOf(fit, m);
    }

    /** Where this run's reconstruction targets come from (after {@link #prepare}). */
    public ReconstructionTargets.Source targetSource() {
        return source;
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        NDManager bm = batch.manager();
        ReconstructionTargets targets = ReconstructionTargets.of(batch, source, step.random());
        List<ParameterGroup> trained = new ArrayList<>(encoders);
        trained.add(joint);
        trained.add(classifier);
        try (GradientCollector collector = step.collector()) {
            NDArray[] inputs = new NDArray[encoders.size()];
            for (int m = 0; m < inputs.length; m++) {
                inputs[m] = targets.input(m);
            }
            NDArray completed = completed(step, inputs);
            NDArray ce = Losses.crossEntropy(step.through(classifier, completed), batch.oneHot());
            NDArray reconstruction = null;
            for (int m = 0; m < decoders.size(); m++) {
                if (targets.count(m) == 0) {
                    continue;
                }
                NDArray r = reconstructionLoss(step.through(decoders.get(m), completed), targets.target(m),
                        targets.mask(m, bm));
                reconstruction = reconstruction == null ? r : reconstruction.add(r);
                trained.add(decoders.get(m));
            }
            NDArray loss = reconstruction == null ? ce
                    : ce.add(reconstruction.mul(Scalars.of(bm, (float) weight)));
            collector.backward(loss);
            step.recordLoss("loss", loss);
            step.recordLoss("loss_ce", ce);
            step.recordLoss("loss_reconstruction", reconstruction == null ? bm.zeros(new Shape())
                    : reconstruction);
        }
        for (ParameterGroup g : trained) {
            step.update(g);
        }
    }

    /** {@code Σ_n t_n · (1/d)‖x̂_n − x_n‖²} for one modality (t: an n × 1 column of 0/1). */
    static NDArray reconstructionLoss(NDArray reconstructed, NDArray truth, NDArray mask) {
        NDManager m = reconstructed.getManager();
        float dim = reconstructed.getShape().get(1);
        return reconstructed.sub(truth).square().mul(mask).sum().div(Scalars.of(m, dim));
    }

    /** ĥ = J([Enc_1(x̃_1); …; Enc_M(x̃_M)]). */
    private NDArray completed(Forward forward, NDArray[] inputs) {
        NDList h = new NDList();
        for (int m = 0; m < inputs.length; m++) {
            h.add(forward.through(encoders.get(m), inputs[m]));
        }
        return reconstruction(joint.block(), forward.through(joint, NDArrays.concat(h, 1)));
    }

    /** ĥ from J's output (J's output is ĥ itself unless J returns more, as the residual cascade does). */
    NDArray reconstruction(Block joint, NDArray output) {
        return output;
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
                inputs -> inference.through(classifier, completed(inference, inputs)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
