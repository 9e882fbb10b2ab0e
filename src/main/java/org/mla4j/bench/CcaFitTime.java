package org.mla4j.bench;

import java.util.SplittableRandom;
import org.mla4j.linalg.CcaFit;
import org.mla4j.linalg.LinearCca;
import org.mla4j.linalg.RowMatrix;

/**
 * Wall time of one closed-form two-view CCA fit ({@link LinearCca}, float64) on random float features,
 * N × d per view: {@code java -cp target/classes:target/lib/* org.mla4j.bench.CcaFitTime [N] [d] [k] [repeats]}
 * (defaults 3000 1024 20 3). The first fit includes JIT warm-up; the median of the repeats is reported too.
 */
public final class CcaFitTime {
    private CcaFitTime() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        SplittableRandom random = new SplittableRandom(7);
        float[] x1 = new float[n * d];
        float[] x2 = new float[n * d];
        for (int i = 0; i < n; i++) {
            double shared = random.nextDouble(-1, 1);
            for (int j = 0; j < d; j++) {
                x1[i * d + j] = (float) (random.nextDouble(-1, 1) + (j == 0 ? shared : 0));
                x2[i * d + j] = (float) (random.nextDouble(-1, 1) + (j == 0 ? shared : 0));
            }
        }
        LinearCca cca = new LinearCca(k);
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            CcaFit fit = cca.fit(RowMatrix.of(x1, n, d), RowMatrix.of(x2, n, d));
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            System.out.printf("fit %d: %.2f s (N=%d, d1=d2=%d, k=%d, rho_1=%.4f)%n", r + 1, seconds[r], n, d, k,
                    fit.correlations()[0]);
        }
        java.util.Arrays.sort(seconds);
        System.out.printf("median %.2f s over %d fits, %d available processors%n", seconds[repeats / 2], repeats,
                Runtime.getRuntime().availableProcessors());
    }
}
