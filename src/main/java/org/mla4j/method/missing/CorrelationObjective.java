package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.linalg.PairwiseDccaLoss;
import org.mla4j.linalg.RowMatrix;

/**
 * The DCCA objective of a batch of network outputs on the host (spec MISSING-BASELINES §2, §11 option (b)):
 * {@code L = −Σ_{i<j} corr(H_i, H_j)} in float64 by {@link PairwiseDccaLoss} (ridge r on each output
 * covariance, eigenvalues clamped), and its exact gradient laid out as the outputs concatenated along
 * the feature axis, ready to seed the networks' backward pass
 * ({@link org.mla4j.core.TrainingStep#backward}).
 */
final class CorrelationObjective {
    private final PairwiseDccaLoss loss;

    /**
     * @param loss         L
     * @param correlations corr_ij per pair, in {@link org.mla4j.linalg.PairwiseCca#pairs} order
     * @param seed         ∂L/∂[H_1 … H_M], row-major {@code n × Σ o_m}
     */
    record Result(double loss, double[] correlations, float[] seed, Shape shape) {
        /** The gradient as an engine array in {@code manager}. */
        NDArray seed(NDManager manager) {
            return manager.create(seed, shape);
        }
    }

    CorrelationObjective(double ridge) {
        this.loss = new PairwiseDccaLoss(ridge);
    }

    /** The objective of outputs {@code H_m} ({@code n × o_m} each, the same n ≥ 2 rows). */
    Result evaluate(List<NDArray> outputs) {
        int n = (int) outputs.get(0).getShape().get(0);
        List<RowMatrix> host = new ArrayList<>();
        int[] widths = new int[outputs.size()];
        int total = 0;
        for (int m = 0; m < outputs.size(); m++) {
            widths[m] = (int) outputs.get(m).getShape().get(1);
            NDArray h = outputs.get(m);
            host.add(h.getDataType() == DataType.FLOAT64 ? RowMatrix.of(h.toDoubleArray(), n, widths[m])
                    : RowMatrix.of(h.toFloatArray(), n, widths[m]));
            total += widths[m];
        }
        PairwiseDccaLoss.Result r = loss.evaluate(host);
        float[] seed = new float[n * total];
        for (int m = 0, offset = 0; m < widths.length; offset += widths[m], m++) {
            double[] g = r.gradients()[m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < widths[m]; j++) {
                    seed[i * total + offset + j] = (float) g[i * widths[m] + j];
                }
            }
        }
        return new Result(r.loss(), r.pairCorrelations(), seed, new Shape(n, total));
    }
}
