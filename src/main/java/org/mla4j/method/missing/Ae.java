package org.mla4j.method.missing;

import ai.djl.ndarray.NDManager;
import org.mla4j.core.ModelSpec;
import org.mla4j.nn.FcNet;

/**
 * The autoencoder imputation baseline of MLA's Table 2 (GCNet's {@code mmin_AE}; spec MISSING-BASELINES §4):
 * zero-filled modalities encoded and concatenated (width W), a joint autoencoder
 * <pre>
 *   J = Linear(W, 256)–LeakyReLU–Linear(256, 128)–LeakyReLU–Linear(128, 256)–LeakyReLU–Linear(256, W)–ReLU
 * </pre>
 * (no dropout or batch norm inside) completes the code, decoders reconstruct the missing modalities from it,
 * the classifier reads it; reconstruction weight 0.002 ({@link ImputerOptions}). Model and loss: {@link AutoencoderImputer}.
 */
public final class Ae extends AutoencoderImputer {
    public Ae(ModelSpec spec, ImputerOptions options, NDManager parent) {
        super(spec, options.reconstructionWeight(), "autoencoder", (width, manager) -> FcNet.builder(width)
                .hidden(256, 128, 256).activation(FcNet.Act.LEAKY_RELU).lastActivation(FcNet.Act.RELU)
                .init(FcNet.Init.NORMAL_002).build(width, manager), parent);
    }

    @Override
    public String name() {
        return "ae";
    }
}
