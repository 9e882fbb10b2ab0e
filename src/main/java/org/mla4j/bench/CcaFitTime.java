package org.mla4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mla4j.linalg.LinearCca;
import org.mla4j.linalg.MaxvarGcca;
import org.mla4j.linalg.PairwiseCca;
import org.mla4j.linalg.RowMatrix;

/**
 * Wall and CPU time of the closed-form correlation fits on random float features (N rows, M views of width
 * d, one weak shared direction):
 * <pre>
 *   java -cp 'target/classes:target/lib/*' org.mla4j.bench.CcaFitTime [N] [d] [k] [repeats] [cca|pairwise|maxvar] [M]
 * </pre>
 * (defaults 3000 1024 20 3 cca 2). {@code cca} is one two-view {@link LinearCca} fit, {@code pairwise} a
 * {@link PairwiseCca} over M views, {@code maxvar} a {@link MaxvarGcca} over M views. The first fit includes JIT
 * warm-up; the median wall time of the repeats is reported, and each fit's process CPU time (all threads),
 * which a loaded machine inflates less.
 */
public final class CcaFitTime {
    private CcaFitTime() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String method = args.length > 4 ? args[4] : "cca";
        int m = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        SplittableRandom random = new SplittableRandom(7);
        float[][] x = new float[m][n * d];
        for (int i = 0; i < n; i++) {
            double shared = random.nextDouble(-1, 1);
            for (float[] view : x) {
                for (int j = 0; j < d; j++) {
                    view[i * d + j] = (float) (random.nextDouble(-1, 1) + (j == 0 ? shared : 0));
                }
            }
        }
        List<RowMatrix> views = new ArrayList<>();
        for (float[] view : x) {
            views.add(RowMatrix.of(view, n, d));
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            double first = switch (method) {
                case "cca" -> new LinearCca(k).fit(views.get(0), views.get(1)).correlations()[0];
                case "pairwise" -> PairwiseCca.fit(views, new LinearCca(k)).pairFit(0).correlations()[0];
                case "maxvar" -> MaxvarGcca.fit(views, k).eigenvalues()[0];
                default -> throw new IllegalArgumentException("expected cca, pairwise or maxvar, got " + method);
            };
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s fit %d: %.2f s wall, %.2f s CPU (N=%d, M=%d, d=%d, k=%d, first value %.4f, load average %.1f)%n",
                    method, r + 1, seconds[r], (os.getProcessCpuTime() - cpu0) / 1e9, n, m, d, k, first,
                    os.getSystemLoadAverage());
        }
        Arrays.sort(seconds);
        System.out.printf("median %.2f s over %d fits, %d available processors%n", seconds[repeats / 2], repeats,
                Runtime.getRuntime().availableProcessors());
    }
}
