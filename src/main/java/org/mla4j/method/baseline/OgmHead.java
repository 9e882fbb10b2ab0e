package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.method.shared.ConcatHead;
import org.mla4j.method.shared.ModalityEncoders;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * What sits on OGM-GE's encoders ({@link OgmFusion}): the fused logits it is trained on, and each
 * modality's unimodal logits its scores are computed from (no gradient).
 *
 * <pre>
 *   concat:  ŷ = W [h_1; …; h_M] + b          f_m = W[:, block m] h_m + b/M    ({@link ConcatHead})
 *   sum:     ŷ = Σ_m f_m                       f_m = W_m h_m + b_m             (group head.&lt;m&gt;)
 * </pre>
 *
 * For sum, f_m is the modality's own head with its whole bias, as the reference figures define it;
 * the original OGM-GE code adds half of each head's bias there ({@code b_m/2}), which changes the
 * softmax scores slightly (a per-class offset is not softmax-invariant).
 */
abstract class OgmHead {
    /** The head's parameter groups (updated with their plain gradients). */
    abstract List<ParameterGroup> groups();

    /**
     * The fused logits of the encoded {@code features}, through {@code forward}; {@code unimodal}
     * receives, per modality, its logits where this pass computes them anyway (sum) or null.
     */
    abstract NDArray fused(Forward forward, List<NDArray> features, NDArray[] unimodal);

    /** Modality m's unimodal logits for its score, without gradient, after {@link #fused}. */
    abstract NDArray scoreLogits(int m, List<NDArray> features, NDArray[] unimodal);

    abstract Predictions predict(Batch batch, ModalityEncoders encoders);

    static OgmHead of(OgmFusion fusion, ModelSpec spec, NDManager manager) {
        return fusion == OgmFusion.SUM ? new Summed(spec, manager) : new Concatenated(spec, manager);
    }

    private static final class Concatenated extends OgmHead {
        private final ConcatHead head;

        Concatenated(ModelSpec spec, NDManager manager) {
            this.head = new ConcatHead(spec, manager);
        }

        @Override
        List<ParameterGroup> groups() {
            return List.of(head.group());
        }

        @Override
        NDArray fused(Forward forward, List<NDArray> features, NDArray[] unimodal) {
            return head.forward(forward, features);
        }

        @Override
        NDArray scoreLogits(int m, List<NDArray> features, NDArray[] unimodal) {
            return head.probe(m, features.get(m));
        }

        @Override
        Predictions predict(Batch batch, ModalityEncoders encoders) {
            return head.predict(batch, encoders);
        }
    }

    private static final class Summed extends OgmHead {
        private final int numClasses;
        private final List<ParameterGroup> heads = new ArrayList<>();

        Summed(ModelSpec spec, NDManager manager) {
            this.numClasses = spec.numClasses();
            for (var modality : spec.modalities()) {
                heads.add(new ParameterGroup("head." + modality.name(),
                        Blocks.linear(spec.featureSize(), spec.numClasses(), manager)));
            }
        }

        @Override
        List<ParameterGroup> groups() {
            return heads;
        }

        @Override
        NDArray fused(Forward forward, List<NDArray> features, NDArray[] unimodal) {
            NDArray sum = null;
            for (int m = 0; m < heads.size(); m++) {
                unimodal[m] = forward.through(heads.get(m), features.get(m));
                sum = sum == null ? unimodal[m] : sum.add(unimodal[m]);
            }
            return sum;
        }

        @Override
        NDArray scoreLogits(int m, List<NDArray> features, NDArray[] unimodal) {
            return unimodal[m].stopGradient();
        }

        @Override
        Predictions predict(Batch batch, ModalityEncoders encoders) {
            Forward inference = Forward.inference(batch.manager());
            List<NDArray> features = encoders.forwardAll(inference, batch);
            NDArray[] logits = new NDArray[heads.size()];
            return Predictions.joint(batch, numClasses, fused(inference, features, logits), logits);
        }
    }
}
