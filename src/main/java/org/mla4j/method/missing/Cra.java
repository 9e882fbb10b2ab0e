package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.mla4j.core.ModelSpec;
import org.mla4j.nn.FcNet;

/**
 * The cascaded residual autoencoder (Tran, Liu, Zhou, Jin, CVPR 2017) as GCNet runs it ({@code mmin_CRA};
 * spec MISSING-BASELINES §5): AE's model with the joint autoencoder replaced by a {@link ResidualCascade} of
 * {@code cra_blocks} (default 2) residual autoencoders with code layers (256, 128); reconstruction weight
 * 0.02 ({@link ImputerOptions}). Model and loss: {@link AutoencoderImputer}.
 */
public final class Cra extends AutoencoderImputer {
    public Cra(ModelSpec spec, ImputerOptions options, NDManager parent) {
        super(spec, options.reconstructionWeight(), "cascade", (width, manager) -> new ResidualCascade(
                ResidualCascade.Mode.CUMULATIVE, width,
                new int[] {256, 128}, options.blocks(), FcNet.Init.NORMAL_002, manager), parent);
    }

    /** The cascade returns [ĥ ‖ z_1 ‖ … ‖ z_B]; the imputer needs ĥ. */
    @Override
    NDArray reconstruction(Block joint, NDArray output) {
        return ((ResidualCascade) joint).reconstruction(output);
    }

    @Override
    public String name() {
        return "cra";
    }
}
