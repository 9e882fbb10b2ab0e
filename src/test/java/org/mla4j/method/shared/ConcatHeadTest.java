package org.mla4j.method.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.method.baseline.Concat;
import org.mla4j.nn.EncoderSpec;

/** Concat's unimodal probe is the weight's column block applied to h_m plus b/M. */
class ConcatHeadTest {
    private static final int S = 3;
    private static final int C = 2;

    @Test
    void probeIsTheColumnBlockPlusAShareOfTheBias() {
        ModelSpec spec = new ModelSpec(List.of(new Modality("a", 5), new Modality("b", 4)), C,
                new EncoderSpec("mlp", 1, S));
        try (NDManager manager = NDManager.newBaseManager()) {
            ConcatHead head = new ConcatHead(spec, manager);
            // W is C × 2S, row-major: W[k][j] = k + 0.1 j; b = (0.5, -1)
            float[] w = new float[C * 2 * S];
            for (int k = 0; k < C; k++) {
                for (int j = 0; j < 2 * S; j++) {
                    w[k * 2 * S + j] = k + 0.1f * j;
                }
            }
            float[] b = {0.5f, -1f};
            head.group().parameters().get(0).getArray().set(w);
            head.group().parameters().get(1).getArray().set(b);
            float[][] h = {{1f, 2f, 3f, -1f, 0f, 2f}, {0.5f, -0.5f, 1f, 2f, 2f, -2f}}; // per sample [h_a; h_b]
            NDArray ha = manager.create(new float[] {1f, 2f, 3f, 0.5f, -0.5f, 1f}, new Shape(2, S));
            NDArray hb = manager.create(new float[] {-1f, 0f, 2f, 2f, 2f, -2f}, new Shape(2, S));

            float[] probeA = head.probe(0, ha).toFloatArray();
            float[] probeB = head.probe(1, hb).toFloatArray();
            float[] fused = head.forward(Forward.inference(manager), List.of(ha, hb)).toFloatArray();
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < C; k++) {
                    double expectA = b[k] / 2.0;
                    double expectB = b[k] / 2.0;
                    for (int j = 0; j < S; j++) {
                        expectA += w[k * 2 * S + j] * h[i][j];
                        expectB += w[k * 2 * S + S + j] * h[i][S + j];
                    }
                    assertThat((double) probeA[i * C + k]).isCloseTo(expectA, within(1e-5));
                    assertThat((double) probeB[i * C + k]).isCloseTo(expectB, within(1e-5));
                    assertThat((double) fused[i * C + k]).isCloseTo(expectA + expectB, within(1e-5));
                }
            }
        }
    }
}
