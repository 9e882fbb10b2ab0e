package org.mla4j.method.missing;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A linear classifier fitted in closed form (ridge least squares onto one-hot labels), float64: the
 * stand-in for the linear SVM the spec fits on DCCA's features (MISSING-BASELINES §2). With the features
 * standardised on the fitting rows ({@code ẑ = (z − μ)/σ}, σ = 1 for a constant column) and Y one-hot
 * ({@code n × C}, column means ȳ):
 * <pre>
 *   (ẐᵀẐ/n + λI) V = Ẑᵀ(Y − 1ȳᵀ)/n,      logits(z) = ẑ V + ȳ  =  z W + b,
 *   W = diag(1/σ) V,   b = ȳ − (μ/σ) V
 * </pre>
 * so the prediction is the class whose indicator the features regress to highest.
 */
final class LeastSquaresHead {
    /** λ: small, only to keep the system well posed when features are collinear. */
    static final double RIDGE = 1e-3;

    /** The fitted classifier: weight row-major {@code C × F} (a Linear layer's layout) and bias C. */
    record Fit(float[] weight, float[] bias) {
    }

    private LeastSquaresHead() {
    }

    /** Fits on n rows of F features (row-major) with labels in [0, C). */
    static Fit fit(float[] features, int n, int f, int[] labels, int numClasses) {
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                mean[j] += features[i * f + j] / (double) n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = features[i * f + j] - mean[j];
                std[j] += d * d / n;
            }
        }
        for (int j = 0; j < f; j++) {
            std[j] = std[j] > 1e-12 ? Math.sqrt(std[j]) : 1;
        }
        double[] prior = new double[numClasses];
        for (int y : labels) {
            prior[y] += 1.0 / n;
        }
        DMatrixRMaj z = new DMatrixRMaj(n, f);
        DMatrixRMaj y = new DMatrixRMaj(n, numClasses);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                z.set(i, j, (features[i * f + j] - mean[j]) / std[j]);
            }
            for (int c = 0; c < numClasses; c++) {
                y.set(i, c, (labels[i] == c ? 1 : 0) - prior[c]);
            }
        }
        DMatrixRMaj gram = new DMatrixRMaj(f, f);
        CommonOps_DDRM.multTransA(z, z, gram);
        CommonOps_DDRM.scale(1.0 / n, gram);
        for (int j = 0; j < f; j++) {
            gram.add(j, j, RIDGE);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(f, numClasses);
        CommonOps_DDRM.multTransA(z, y, rhs);
        CommonOps_DDRM.scale(1.0 / n, rhs);
        DMatrixRMaj v = new DMatrixRMaj(f, numClasses);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(f);
        if (!solver.setA(gram)) {
            throw new IllegalStateException("the least-squares system of the classifier is not positive definite");
        }
        solver.solve(rhs, v);
        float[] weight = new float[numClasses * f];
        float[] bias = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
            double b = prior[c];
            for (int j = 0; j < f; j++) {
                weight[c * f + j] = (float) (v.get(j, c) / std[j]);
                b -= mean[j] / std[j] * v.get(j, c);
            }
            bias[c] = (float) b;
        }
        return new Fit(weight, bias);
    }
}
