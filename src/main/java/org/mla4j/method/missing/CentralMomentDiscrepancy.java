package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import org.mla4j.engine.Scalars;

/**
 * The central moment discrepancy of IF-MMIN (Zuo et al. 2023; Zellinger et al. 2017 without the range
 * scaling), spec MISSING-BASELINES §7, between two batches X, Y (n × d) of codes:
 *
 * <pre>
 *   CMD_K(X, Y) = ‖μ_X − μ_Y‖ + Σ_{k=2..K} ‖c_k(X) − c_k(Y)‖,
 *   μ_X = (1/n) Σ_i x_i,   c_k(X) = (1/n) Σ_i (x_i − μ_X)^k    (per dimension; ‖·‖ Euclidean over d)
 * </pre>
 *
 * Each norm is {@code sqrt(Σ diff² + 1e-12)}: the tiny ε keeps the gradient finite where two moments
 * coincide (e.g. a batch of one sample) and changes the value by at most 1e-6.
 */
public final class CentralMomentDiscrepancy {
    /** K = 5, as IF-MMIN uses. */
    public static final int ORDER = 5;

    private CentralMomentDiscrepancy() {
    }

    public static NDArray cmd(NDArray x, NDArray y, int order) {
        NDArray meanX = x.mean(new int[] {0});
        NDArray meanY = y.mean(new int[] {0});
        NDArray total = norm(meanX.sub(meanY));
        NDArray centredX = x.sub(meanX);
        NDArray centredY = y.sub(meanY);
        NDArray powerX = centredX;
        NDArray powerY = centredY;
        for (int k = 2; k <= order; k++) {
            powerX = powerX.mul(centredX);
            powerY = powerY.mul(centredY);
            total = total.add(norm(powerX.mean(new int[] {0}).sub(powerY.mean(new int[] {0}))));
        }
        return total;
    }

    /** The mean of CMD_K over all unordered pairs of the given codes. */
    public static NDArray averageOverPairs(NDArray[] codes, int order) {
        NDArray sum = null;
        int pairs = 0;
        for (int i = 0; i < codes.length; i++) {
            for (int j = i + 1; j < codes.length; j++) {
                NDArray d = cmd(codes[i], codes[j], order);
                sum = sum == null ? d : sum.add(d);
                pairs++;
            }
        }
        return sum.div(Scalars.of(codes[0].getManager(), pairs));
    }

    private static NDArray norm(NDArray diff) {
        return diff.square().sum().add(Scalars.of(diff.getManager(), 1e-12f)).sqrt();
    }
}
