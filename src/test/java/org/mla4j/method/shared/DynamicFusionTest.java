package org.mla4j.method.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mla4j.support.SharedFiles;

class DynamicFusionTest {

    @Test
    void entropyOfUniformAndOneHot() {
        assertThat(DynamicFusion.entropy(new float[] {0, 0, 0, 0}, 0, 4)).isCloseTo(Math.log(4), within(1e-12));
        assertThat(DynamicFusion.entropy(new float[] {1000, 0, 0}, 0, 3)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void weightsFollowTheFormulaPerSample() {
        // sample 0: modality 0 is uniform over 2 classes (e = ln 2), modality 1 is certain (e = 0)
        float[][] logits = {{0f, 0f}, {50f, 0f}};
        boolean[][] present = {{true}, {true}};
        float[][] weights = new float[2][1];
        float[] fused = DynamicFusion.fuse(FusionMode.DYNAMIC, logits, present, 1, 2, weights);
        double w0 = Math.exp(-Math.log(2)) / (Math.exp(-Math.log(2)) + 1.0); // = 1/3
        assertThat(weights[0][0]).isCloseTo((float) w0, within(1e-6f));
        assertThat(weights[1][0]).isCloseTo((float) (1 - w0), within(1e-6f));
        assertThat(fused[0]).isCloseTo((float) ((1 - w0) * 50), within(1e-4f));
    }

    @Test
    void matchesReferenceVectors() throws Exception {
        JsonNode df = new ObjectMapper().readTree(SharedFiles.reference("unit_vectors.json").toFile()).get("df");
        JsonNode perModality = df.get("logits_per_modality");
        int modalities = perModality.size();
        int samples = perModality.get(0).size();
        int classes = perModality.get(0).get(0).size();
        float[][] logits = new float[modalities][samples * classes];
        boolean[][] present = new boolean[modalities][samples];
        for (int m = 0; m < modalities; m++) {
            for (int i = 0; i < samples; i++) {
                present[m][i] = true;
                for (int c = 0; c < classes; c++) {
                    logits[m][i * classes + c] = (float) perModality.get(m).get(i).get(c).asDouble();
                }
            }
        }
        float[] fused = DynamicFusion.fuse(FusionMode.DYNAMIC, logits, present, samples, classes, null);
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < classes; c++) {
                assertThat((double) fused[i * classes + c])
                        .isCloseTo(df.get("fused").get(i).get(c).asDouble(), within(1e-6));
            }
        }
    }

    @Test
    void resultDoesNotDependOnBatchComposition() {
        float[][] logits = {{2f, 0.5f, -1f, 0.1f, 0.2f, 0.3f, 4f, 0f, 0f}, {0f, 3f, 0f, 1f, -1f, 0.5f, 0f, 0f, 9f}};
        boolean[][] present = {{true, true, true}, {true, true, false}};
        float[] all = DynamicFusion.fuse(FusionMode.DYNAMIC, logits, present, 3, 3, null);
        for (int i = 0; i < 3; i++) {
            float[][] one = {java.util.Arrays.copyOfRange(logits[0], i * 3, i * 3 + 3),
                    java.util.Arrays.copyOfRange(logits[1], i * 3, i * 3 + 3)};
            boolean[][] p = {{present[0][i]}, {present[1][i]}};
            float[] alone = DynamicFusion.fuse(FusionMode.DYNAMIC, one, p, 1, 3, null);
            assertThat(alone).containsExactly(java.util.Arrays.copyOfRange(all, i * 3, i * 3 + 3));
        }
    }

    @Test
    void absentModalityGetsNoWeightAndMeanAveragesPresentOnes() {
        float[][] logits = {{1f, 2f}, {7f, -3f}, {5f, 5f}};
        boolean[][] present = {{true}, {false}, {true}};
        float[][] weights = new float[3][1];
        float[] dyn = DynamicFusion.fuse(FusionMode.DYNAMIC, logits, present, 1, 2, weights);
        assertThat(weights[1][0]).isZero();
        assertThat(weights[0][0] + weights[2][0]).isCloseTo(1f, within(1e-6f));
        assertThat(dyn[0]).isLessThan(5f);
        float[] mean = DynamicFusion.fuse(FusionMode.MEAN, logits, present, 1, 2, null);
        assertThat(mean).containsExactly(3f, 3.5f);
    }
}
