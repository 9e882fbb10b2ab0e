package org.mla4j.method.baseline;

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
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterGroup;

/** OGM-GE on Sum: scores from each modality's own head (whole bias), against hand-computed values. */
class OgmSumTest {
    private static final float LN3 = (float) Math.log(3);

    @Test
    void scoresComeFromEachModalitysOwnHeadWithItsWholeBias() {
        ModelSpec spec = new ModelSpec(List.of(new Modality("a", 3), new Modality("b", 3)), 2,
                new EncoderSpec("mlp", 1, 2));
        try (NDManager manager = NDManager.newBaseManager()) {
            OgmHead head = OgmHead.of(OgmFusion.SUM, spec, manager);
            List<ParameterGroup> groups = head.groups();
            assertThat(groups).extracting(ParameterGroup::name).containsExactly("head.a", "head.b");
            // W_a = W_b = I; b_a = (0.5, 0), b_b = 0
            set(groups.get(0), new float[] {1, 0, 0, 1}, new float[] {0.5f, 0});
            set(groups.get(1), new float[] {1, 0, 0, 1}, new float[] {0, 0});
            // sample 0 (label 0): f_a = (ln 3, 0) → p_y = 0.75;  f_b = (0, 0) → 0.5
            // sample 1 (label 1): f_a = (0, ln 3) → 0.75;        f_b = (ln 3, 0) → 0.25
            NDArray ha = manager.create(new float[] {LN3 - 0.5f, 0, -0.5f, LN3}, new Shape(2, 2));
            NDArray hb = manager.create(new float[] {0, 0, LN3, 0}, new Shape(2, 2));
            NDArray oneHot = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            List<NDArray> features = List.of(ha, hb);
            NDArray[] unimodal = new NDArray[2];

            float[] fused = head.fused(Forward.inference(manager), features, unimodal).toFloatArray();
            assertThat(fused).containsExactly(new float[] {LN3, 0, LN3, LN3}, within(1e-6f));
            boolean[] all = {true, true};
            double sa = OgmModulation.score(head.scoreLogits(0, features, unimodal), oneHot, all);
            double sb = OgmModulation.score(head.scoreLogits(1, features, unimodal), oneHot, all);
            assertThat(sa).isCloseTo(0.75, within(1e-6)); // with half the bias (original code): 0.7471
            assertThat(sb).isCloseTo(0.375, within(1e-6));
            // ρ_a = 0.75 / 0.375 = 2 → k_a = 1 − tanh(0.5); ρ_b = 0.5 → 1
            assertThat(new OgmModulation(0.5, 0, -1).coefficients(new double[] {sa, sb}))
                    .containsExactly(new double[] {1 - Math.tanh(0.5), 1}, within(1e-6));
        }
    }

    @Test
    void concatStillScoresTheProbe() {
        ModelSpec spec = new ModelSpec(List.of(new Modality("a", 3), new Modality("b", 3)), 2,
                new EncoderSpec("mlp", 1, 2));
        try (NDManager manager = NDManager.newBaseManager()) {
            OgmHead head = OgmHead.of(OgmFusion.CONCAT, spec, manager);
            assertThat(head.groups()).extracting(ParameterGroup::name).containsExactly("head");
            // W = [I | 2I], b = (1, −1): probe_b = 2 h_b + b/2
            set(head.groups().get(0), new float[] {1, 0, 2, 0, 0, 1, 0, 2}, new float[] {1, -1});
            List<NDArray> features = List.of(manager.create(new float[] {1, 2}, new Shape(1, 2)),
                    manager.create(new float[] {3, -1}, new Shape(1, 2)));
            NDArray[] unimodal = new NDArray[2];
            assertThat(head.fused(Forward.inference(manager), features, unimodal).toFloatArray())
                    .containsExactly(new float[] {1 + 6 + 1, 2 - 2 - 1}, within(1e-6f));
            assertThat(head.scoreLogits(1, features, unimodal).toFloatArray())
                    .containsExactly(new float[] {6 + 0.5f, -2 - 0.5f}, within(1e-6f));
        }
    }

    private static void set(ParameterGroup group, float[] weight, float[] bias) {
        group.parameters().get(0).getArray().set(weight);
        group.parameters().get(1).getArray().set(bias);
    }
}
