package org.mla4j.method.missing;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.mla4j.core.ModelSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.FcNet;
import org.mla4j.nn.ParameterGroup;

/**
 * GCNet's fully connected block "FC-Enc" (spec MISSING-BASELINES §0.3), the encoder, decoder and classifier
 * of the autoencoder family: with the encoder settings' L layers of width w (3 × 128 by default),
 * <pre>
 *   FC-Enc(d_in → d_out) = Linear(d_in, w)–ReLU–Dropout(p) … (L − 1 times) … Linear(w, d_out)
 * </pre>
 * (no activation at the end), weights N(0, 0.02²), biases 0 (GCNet's {@code init_type normal}). Reusable for
 * any method built from these blocks; {@link FcEncoderSet} holds one per modality.
 */
public final class FcEncoders {
    private FcEncoders() {
    }

    /**
     * The missing-modality baselines are defined on feature vectors and encode each modality with FC-Enc
     * (or, for CCA, not at all): a modality given another encoder ({@code cnn}, {@code resnet18}, a
     * {@code pretrained} module to fine-tune) would be silently flattened instead, so it is refused.
     */
    public static void requireFeatureVectors(String method, ModelSpec spec) {
        for (int m = 0; m < spec.numModalities(); m++) {
            String type = spec.encoderType(m);
            if (!type.equals("mlp")) {
                throw new InvalidInputException(method + " encodes every modality as a feature vector (GCNet's FC "
                        + "encoders), but modality '" + spec.modalities().get(m).name() + "' asks for the '" + type
                        + "' encoder; give it feature vectors (a frozen pretrained encoder, --encoder mlp) or use "
                        + "mla, late or qmf");
            }
        }
    }

    /** FC-Enc(d_in → {@code out}) with dropout p, initialised in {@code manager}. */
    public static Block block(EncoderSpec encoder, int inputDim, int out, float dropout, NDManager manager) {
        return block(encoder, inputDim, out, dropout, FcNet.Init.NORMAL_002, manager);
    }

    /** The same with another initialisation (MMIN's teacher: Kaiming). */
    public static Block block(EncoderSpec encoder, int inputDim, int out, float dropout, FcNet.Init init,
                              NDManager manager) {
        int[] hidden = new int[Math.max(0, encoder.layers() - 1)];
        Arrays.fill(hidden, encoder.width());
        return FcNet.builder(out).hidden(hidden).dropout(dropout).init(init).build(inputDim, manager);
    }

    /** One FC-Enc(in → d_m) per modality, groups {@code <prefix>.<modality>}: decoders back to each input. */
    public static List<ParameterGroup> decoders(ModelSpec spec, String prefix, int in, float dropout, NDManager manager) {
        List<ParameterGroup> groups = new ArrayList<>();
        for (int m = 0; m < spec.numModalities(); m++) {
            groups.add(new ParameterGroup(prefix + "." + spec.modalities().get(m).name(),
                    block(spec.encoder(), in, spec.modalities().get(m).dim(), dropout, manager)));
        }
        return Collections.unmodifiableList(groups);
    }
}
