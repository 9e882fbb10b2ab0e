package org.mla4j.method.mla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mla4j.support.SharedFiles;

class HeadGradientProjectorTest {

    @Test
    void oneUpdateMatchesHandComputedValues() {
        // h = (1, 2), α = 1: k = h, hᵀk = 5, P = I − h hᵀ / 6 = [[5/6, −2/6], [−2/6, 2/6]]
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, 2, 1.0)) {
            hgm.update(m.create(new float[] {1f, 2f}));
            double[] p = hgm.matrix();
            assertThat(p).containsExactly(new double[] {5.0 / 6, -2.0 / 6, -2.0 / 6, 2.0 / 6}, within(1e-12));
            // the gradient (3, −1) becomes (3, −1)·P = (17/6, −8/6)
            NDArray g = hgm.project(m.create(new float[] {3f, -1f}, new Shape(1, 2)));
            assertThat(g.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(g.toFloatArray()).containsExactly(new float[] {17f / 6, -8f / 6}, within(1e-6f));
        }
    }

    @Test
    void matchesReferenceVectorsStepByStep() throws Exception {
        JsonNode hgmVectors = new ObjectMapper().readTree(SharedFiles.reference("unit_vectors.json").toFile()).get("hgm");
        int d = hgmVectors.get("d").asInt();
        double[][] means = matrix(hgmVectors.get("feature_means_in_order"));
        double[][] grad = matrix(hgmVectors.get("raw_head_weight_grad"));
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, d, hgmVectors.get("alpha").asDouble())) {
            NDArray rawGrad = m.create(flatten(grad), new Shape(grad.length, d)).toType(DataType.FLOAT64, false);
            for (JsonNode step : hgmVectors.get("steps")) {
                int k = step.get("step").asInt();
                if (k > 0) {
                    hgm.update(m.create(means[k - 1]));
                }
                assertThat(hgm.matrix())
                        .containsExactly(flatten(matrix(step.get("P_after"))), within(1e-12));
                assertThat(hgm.project(rawGrad).toDoubleArray())
                        .containsExactly(flatten(matrix(step.get("modified_grad"))), within(1e-12));
            }
        }
    }

    @Test
    void matrixStaysSymmetricAndEqualsClosedFormOverManyUpdates() {
        int d = 16;
        Random random = new Random(7);
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, d, 0.5)) {
            double[][] sum = new double[d][d];
            for (int t = 0; t < 2500; t++) {
                float[] h = new float[d];
                for (int i = 0; i < d; i++) {
                    h[i] = (float) (random.nextGaussian() * 0.3 + (i % 3 == 0 ? 0.5 : 0));
                }
                hgm.update(m.create(h));
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        sum[i][j] += (double) h[i] * h[j] / 0.5;
                    }
                }
            }
            double[] p = hgm.matrix();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertThat(p[i * d + j]).isEqualTo(p[j * d + i]);
                }
            }
            // P·(I + Σ h hᵀ/α) = I
            NDArray a = m.create(flatten(sum), new Shape(d, d)).add(m.eye(d).toType(DataType.FLOAT64, false));
            double[] identity = m.create(hgm.matrix(), new Shape(d, d)).matMul(a).toDoubleArray();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertThat(identity[i * d + j]).isCloseTo(i == j ? 1.0 : 0.0, within(1e-8));
                }
            }
        }
    }

    @Test
    void projectedGradientIsNearlyOrthogonalToProtectedFeature() {
        int d = 32;
        Random random = new Random(3);
        try (NDManager m = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(m, d, 1e-3)) {
            float[] h = new float[d];
            float[] g = new float[10 * d];
            for (int i = 0; i < d; i++) {
                h[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) random.nextGaussian();
            }
            NDArray gradient = m.create(g, new Shape(10, d));
            NDArray feature = m.create(h).reshape(d, 1);
            double before = gradient.matMul(feature).abs().max().getFloat();
            hgm.update(m.create(h));
            double after = hgm.project(gradient).matMul(feature).abs().max().getFloat();
            // with α → 0 the projection removes the h direction: (∇W P) h = ∇W (P h) = ∇W h·α/(α+|h|²)
            assertThat(after).isLessThan(before * 1e-3);
        }
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            out[i] = new double[node.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = node.get(i).get(j).asDouble();
            }
        }
        return out;
    }

    static double[] flatten(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
