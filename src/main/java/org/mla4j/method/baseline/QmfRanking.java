package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.mla4j.engine.Scalars;

/**
 * QMF's sample-wise ranking loss on the confidences {@code c} of one modality in a batch: each
 * sample i is paired with one partner j in the batch, and
 *
 * <pre>
 *   R = mean over valid pairs of max(0, s_ij · (c_i − c_j) − Δ_ij)
 * </pre>
 *
 * with a sign {@code s_ij} saying which of the two should be less confident, and a slack
 * {@code Δ_ij ≥ 0} by which it may still exceed the other without penalty. A pair is valid when both
 * samples have the modality; {@code R = 0} when none is.
 *
 * <ul>
 *   <li>{@link #paper}: j = i+1 mod n (the official code's {@code torch.roll(·, −1)}),
 *       {@code s = sign(ℓ̄_i − ℓ̄_j)} and {@code Δ = |ℓ̄_i − ℓ̄_j|} from the normalised loss history
 *       ({@link LossHistory}): a sample with a worse history should not be more confident, by more
 *       than the gap of the two histories.</li>
 *   <li>{@link #simplified}: j = i−1 mod n, {@code s = −sign(r_i − r_j)} from the correct-rate history
 *       ({@link CorrectnessHistory}), {@code Δ = 0}.</li>
 * </ul>
 */
public final class QmfRanking {
    private final long[] partner;
    private final float[] sign;
    private final float[] slack;
    private final float[] valid;
    private final int pairs;

    private QmfRanking(long[] partner, float[] sign, float[] slack, float[] valid, int pairs) {
        this.partner = partner;
        this.sign = sign;
        this.slack = slack;
        this.valid = valid;
        this.pairs = pairs;
    }

    /** The paper's pairs and targets from the normalised histories {@code ℓ̄} of the batch's samples. */
    public static QmfRanking paper(double[] normalisedLoss, boolean[] present) {
        int n = normalisedLoss.length;
        long[] partner = new long[n];
        float[] sign = new float[n];
        float[] slack = new float[n];
        float[] valid = new float[n];
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            partner[i] = j;
            if (present[i] && present[j]) {
                valid[i] = 1;
                pairs++;
                double gap = normalisedLoss[i] - normalisedLoss[j];
                sign[i] = (float) Math.signum(gap);
                slack[i] = (float) Math.abs(gap);
            }
        }
        return new QmfRanking(partner, sign, slack, valid, pairs);
    }

    /** The simplified variant's pairs and targets from the correct rates {@code r} of the batch's samples. */
    public static QmfRanking simplified(double[] rates, boolean[] present) {
        int n = rates.length;
        long[] partner = new long[n];
        float[] sign = new float[n];
        float[] valid = new float[n];
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            int j = (i - 1 + n) % n;
            partner[i] = j;
            if (present[i] && present[j]) {
                valid[i] = 1;
                pairs++;
                sign[i] = (float) -Math.signum(rates[i] - rates[j]);
            }
        }
        return new QmfRanking(partner, sign, null, valid, pairs);
    }

    /** {@code R} for the confidences {@code c} (n, differentiable), in {@code manager}. */
    public NDArray loss(NDArray confidence, NDManager manager) {
        NDArray signed = confidence.sub(confidence.get(manager.create(partner))).mul(manager.create(sign));
        if (slack != null) {
            signed = signed.sub(manager.create(slack));
        }
        return signed.maximum(Scalars.of(manager, 0f)).mul(manager.create(valid)).sum()
                .div(Scalars.of(manager, Math.max(1, pairs)));
    }
}
