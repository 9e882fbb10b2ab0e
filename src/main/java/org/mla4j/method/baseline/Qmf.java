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
import org.mla4j.core.MethodState;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.Scalars;
import org.mla4j.method.shared.JointTraining;
import org.mla4j.method.shared.UnimodalBranches;
import org.mla4j.method.shared.UnimodalPrediction;
import org.mla4j.nn.ParameterGroup;

/**
 * QMF, quality-aware multimodal fusion (Zhang et al., ICML 2023): the late-fusion architecture
 * trained jointly with confidence-weighted fusion and a sample-wise ranking regulariser.
 *
 * <pre>
 *   f_m = W_m h_m(x_m) + b_m,   c_m = logsumexp(f_m) / T                  ({@link QmfConfidence})
 *   ŷ   = Σ_{m present} sg(c_m) · f_m                                      (sg: no gradient)
 *   loss = CE(ŷ) + Σ_m CE(f_m) + λ · Σ_m R_m                               (R_m: {@link QmfRanking})
 * </pre>
 *
 * {@link QmfOptions#VARIANT} chooses the history R_m is ordered by:
 * <ul>
 *   <li>{@code paper} (default), as the official code computes it: each sample's cumulative training
 *       loss per modality ({@link LossHistory}), to which this batch's per-sample losses are added
 *       first; R_m = mean over pairs (i, i+1) of max(0, sign(ℓ̄_i − ℓ̄_j)(c_i − c_j) − |ℓ̄_i − ℓ̄_j|);</li>
 *   <li>{@code simplified}, the reference figures' QMF: each sample's fraction of correct predictions
 *       ({@link CorrectnessHistory}) before this batch, updated after it; R_m = mean over pairs
 *       (i, i−1) of relu(−sign(r_i − r_j)(c_i − c_j)).</li>
 * </ul>
 * Options: T ({@link QmfOptions#TEMPERATURE}, default 10) and λ ({@link QmfOptions#RANKING_WEIGHT},
 * default 0.1). Unimodal evaluation: {@code f_m}. Missing modalities: {@code CE(f_m)}, the history
 * and {@code R_m} use only the samples (pairs) that have m, the fusion only the present modalities;
 * a branch that no sample of the batch has is not updated. The history is training state
 * ({@link #state()}), so a resumed run repeats an uninterrupted one.
 */
public final class Qmf implements Method {
    private final ModelSpec spec;
    private final QmfVariant variant;
    private final double temperature;
    private final double rankingWeight;
    private final NDManager manager;
    private final UnimodalBranches branches;
    private final LossHistory losses;
    private final CorrectnessHistory correctness;

    public Qmf(ModelSpec spec, QmfOptions options, NDManager parent) {
        if (!(options.temperature() > 0)) {
            throw new IllegalArgumentException("QMF temperature must be positive, got " + options.temperature());
        }
        this.spec = spec;
        this.variant = options.variant();
        this.temperature = options.temperature();
        this.rankingWeight = options.rankingWeight();
        this.manager = parent.newSubManager();
        this.branches = new UnimodalBranches(spec, manager);
        this.losses = new LossHistory(spec.numModalities());
        this.correctness = new CorrectnessHistory(spec.numModalities());
    }

    @Override
    public String name() {
        return "qmf";
    }

    public QmfVariant variant() {
        return variant;
    }

    @Override
    public List<ParameterGroup> groups() {
        return branches.groups();
    }

    /** The paper variant's cumulative losses (read-only use). */
    public LossHistory lossHistory() {
        return losses;
    }

    /** The simplified variant's running correctness (read-only use). */
    public CorrectnessHistory history() {
        return correctness;
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        int numModalities = branches.size();
        NDManager bm = batch.manager();
        NDArray[] logits = new NDArray[numModalities];
        List<ParameterGroup> trained = new ArrayList<>();
        try (GradientCollector collector = step.collector()) {
            NDArray fused = null;
            NDArray unimodalLoss = null;
            NDArray rankingLoss = null;
            for (int m = 0; m < numModalities; m++) {
                int count = batch.presentCount(m);
                if (count == 0) {
                    continue;
                }
                trained.addAll(branches.branch(m));
                NDArray mask = bm.create(asFloats(batch.present(m)));
                logits[m] = branches.logits(step, m, batch.features(m));
                NDArray confidence = QmfConfidence.of(logits[m], temperature);
                NDArray weighted = logits[m].mul(confidence.stopGradient().mul(mask).expandDims(1));
                fused = fused == null ? weighted : fused.add(weighted);
                NDArray perSample = Losses.crossEntropyPerSample(logits[m], batch.oneHot());
                NDArray ce = perSample.mul(mask).sum().div(Scalars.of(bm, count));
                unimodalLoss = unimodalLoss == null ? ce : unimodalLoss.add(ce);
                NDArray ranking = ranking(m, batch, perSample).loss(confidence, bm);
                rankingLoss = rankingLoss == null ? ranking : rankingLoss.add(ranking);
            }
            NDArray fusedLoss = Losses.crossEntropy(fused, batch.oneHot());
            NDArray loss = fusedLoss.add(unimodalLoss).add(rankingLoss.mul(Scalars.of(bm, (float) rankingWeight)));
            collector.backward(loss);
            step.recordLoss("loss", loss);
            step.recordLoss("loss_fused", fusedLoss);
            step.recordLoss("loss_ranking", rankingLoss);
        }
        if (variant == QmfVariant.SIMPLIFIED) {
            recordCorrectness(batch, logits);
        }
        JointTraining.updateAll(step, trained);
    }

    /**
     * Modality m's pairs and targets. Paper: this batch's per-sample losses are added to the history
     * first (as the official code does), then ranked. Simplified: the history before this batch.
     */
    private QmfRanking ranking(int m, Batch batch, NDArray perSampleLoss) {
        int[] positions = batch.positions();
        if (variant == QmfVariant.PAPER) {
            float[] values = perSampleLoss.stopGradient().toFloatArray();
            for (int i = 0; i < positions.length; i++) {
                if (batch.isPresent(m, i)) {
                    losses.add(m, positions[i], values[i]);
                }
            }
            return QmfRanking.paper(losses.normalised(m, positions), batch.present(m));
        }
        double[] rates = new double[positions.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = correctness.rate(m, positions[i]);
        }
        return QmfRanking.simplified(rates, batch.present(m));
    }

    private void recordCorrectness(Batch batch, NDArray[] logits) {
        long[] labels = batch.labels().toLongArray();
        for (int m = 0; m < logits.length; m++) {
            if (logits[m] == null) {
                continue;
            }
            float[] values = logits[m].stopGradient().toFloatArray();
            for (int i = 0; i < labels.length; i++) {
                if (batch.isPresent(m, i)) {
                    correctness.record(m, batch.positions()[i],
                            Predictions.argmax(values, i, spec.numClasses()) == labels[i]);
                }
            }
        }
    }

    private static float[] asFloats(boolean[] flags) {
        float[] out = new float[flags.length];
        for (int i = 0; i < flags.length; i++) {
            out[i] = flags[i] ? 1f : 0f;
        }
        return out;
    }

    @Override
    public Predictions predict(Batch batch) {
        Forward inference = Forward.inference(batch.manager());
        return UnimodalPrediction.predict(batch, spec.numClasses(),
                m -> branches.logits(inference, m, batch.features(m)),
                (logits, present, n, c, weights) -> QmfConfidence.fuse(temperature, logits, present, n, c, weights));
    }

    @Override
    public MethodState state() {
        return new QmfState(spec, variant, losses, correctness);
    }

    @Override
    public void close() {
        manager.close();
    }
}
