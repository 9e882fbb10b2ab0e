package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.nn.FcNet;
import org.mla4j.nn.ParameterGroup;

/**
 * One TATE network in the spec's flat-vector adaptation (MISSING-BASELINES §9): one token per modality,
 *
 * <pre>
 *   e_m = FC-Enc_m(x̃_m) (w),   c = PairProjection(e) (P(M−1)),   u_m = [c_m ‖ tag]   (D = P(M−1) + M + 1)
 *   e = TransformerBlock_enc(u),   r = TransformerBlock_dec(e),   p = AttentionPooling(e),
 *   logits = Linear(w → K)(Linear(D → w, no bias)(p))
 * </pre>
 *
 * P is the largest width ≤ w/(M − 1) that makes D a multiple of the 4 heads (M = 3: P = 64, D = 132 as
 * the spec; M = 2: P = 125, D = 128; M = 6: P = 25, D = 132). The teacher and the student are two of these.
 */
final class TateNet {
    static final int HEADS = 4;
    static final float DROPOUT = 0.2f;

    private final FcEncoderSet encoders;
    private final ParameterGroup projection;
    private final ParameterGroup fusionEncoder;
    private final ParameterGroup fusionDecoder;
    private final ParameterGroup pooling;
    private final ParameterGroup head;
    private final Linear output;
    private final int numModalities;
    private final int tokenDim;

    /** One forward pass: the tagged tokens u, encoder output e, decoder output r, pooled p and logits. */
    record Pass(NDArray tokens, NDArray encoded, NDArray decoded, NDArray pooled, NDArray logits) {
    }

    TateNet(ModelSpec spec, String prefix, NDManager manager) {
        this.numModalities = spec.numModalities();
        if (numModalities < 2) {
            throw new InvalidInputException("tate needs at least two modalities (its projections are shared by "
                    + "pairs), the dataset has " + numModalities);
        }
        this.encoders = new FcEncoderSet(spec, prefix + "encoder.", DROPOUT, FcNet.Init.XAVIER, manager);
        int w = encoders.width();
        int tag = MissingTag.size(numModalities);
        int part = w / (numModalities - 1);
        while (part > 1 && (part * (numModalities - 1) + tag) % HEADS != 0) {
            part--;
        }
        PairProjection pairs = new PairProjection(numModalities, w, part, manager);
        this.tokenDim = pairs.outputWidth() + tag;
        this.projection = new ParameterGroup(prefix + "projection", pairs);
        this.fusionEncoder = new ParameterGroup(prefix + "fusion_encoder",
                new TransformerBlock(tokenDim, HEADS, DROPOUT, manager));
        this.fusionDecoder = new ParameterGroup(prefix + "fusion_decoder",
                new TransformerBlock(tokenDim, HEADS, DROPOUT, manager));
        this.pooling = new ParameterGroup(prefix + "pooling", new AttentionPooling(tokenDim, manager));
        this.output = TransformerBlock.glorot(spec.numClasses(), true);
        SequentialBlock headBlock = new SequentialBlock().add(TransformerBlock.glorot(w, false)).add(output);
        headBlock.initialize(manager, DataType.FLOAT32, new Shape(1, tokenDim));
        this.head = new ParameterGroup(prefix + "head", headBlock);
    }

    List<ParameterGroup> groups() {
        return encoders.groupsAnd(projection, fusionEncoder, fusionDecoder, pooling, head);
    }

    int tokenDim() {
        return tokenDim;
    }

    /** The tagged tokens u (n × M × D). */
    NDArray tokens(Forward forward, NDArray[] inputs, NDArray tag) {
        NDArray e = NDArrays.stack(new NDList(encoders.each(forward, inputs)), 1);
        NDArray c = forward.through(projection, e);
        NDArray tags = tag.expandDims(1).repeat(1, numModalities);
        return NDArrays.concat(new NDList(c, tags), 2);
    }

    /** The fusion encoder's output e (n × M × D): what the student's is pulled toward. */
    NDArray encode(Forward forward, NDArray[] inputs, NDArray tag) {
        return forward.through(fusionEncoder, tokens(forward, inputs, tag));
    }

    Pass forward(Forward forward, NDArray[] inputs, NDArray tag) {
        NDArray u = tokens(forward, inputs, tag);
        NDArray e = forward.through(fusionEncoder, u);
        NDArray r = forward.through(fusionDecoder, e);
        NDArray p = forward.through(pooling, e);
        return new Pass(u, e, r, p, forward.through(head, p));
    }

    /** The tag read from the pooled vector's last M + 1 entries, σ(p[D−M−1 …]). */
    NDArray predictedTag(NDArray pooled) {
        return Activation.sigmoid(pooled.get(new NDIndex(":, {}:", tokenDim - MissingTag.size(numModalities))));
    }

    /** ‖W_out‖² + ‖b_out‖² of the last layer (TATE's L2 term). */
    NDArray outputSquares() {
        NDArray sum = null;
        for (var p : output.getParameters().values()) {
            NDArray s = p.getArray().square().sum();
            sum = sum == null ? s : sum.add(s);
        }
        return sum;
    }
}
