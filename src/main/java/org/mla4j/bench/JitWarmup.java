package org.mla4j.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.settings.SettingValues;

/**
 * Warms the JVM up before anything is timed: trains MLA in short throwaway runs until the JIT
 * compiler has gone quiet. On two cores the optimising compiler needs several seconds of the
 * second core after start-up, which is the core mla4j's background work uses, so the first
 * measurement of a cold JVM would time the compiler as much as the training (an eager Python loop has
 * no such phase). Runs end when the compiler's busy time during one run falls under
 * {@link #QUIET_SHARE} of that run's wall time, or at the time limit.
 */
public final class JitWarmup {
    /** Epochs per throwaway run. */
    static final int EPOCHS_PER_RUN = 5;
    /** Compiler busy time over wall time below which the compiler counts as quiet. */
    static final double QUIET_SHARE = 0.05;

    /** How the warm-up went: runs, wall and compile seconds, and whether the compiler went quiet in time. */
    public record Result(int runs, double seconds, double compileSeconds, boolean quiet) {
    }

    private JitWarmup() {
    }

    public static Result run(MultimodalDataset ds, double maxSeconds) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            throw new IllegalStateException("this JVM does not report JIT compilation time; run the bench without --jit-warmup");
        }
        long start = System.nanoTime();
        long compileStart = compiler.getTotalCompilationTime();
        int runs = 0;
        boolean quiet = false;
        while (!quiet && (System.nanoTime() - start) / 1e9 < maxSeconds) {
            long runStart = System.nanoTime();
            long compiledBefore = compiler.getTotalCompilationTime();
            TrainingThroughput.measure("warm_up", "warm-up", "mla", SettingValues.NONE, ds, EPOCHS_PER_RUN, 0, runs);
            double wallMillis = (System.nanoTime() - runStart) / 1e6;
            quiet = (compiler.getTotalCompilationTime() - compiledBefore) < QUIET_SHARE * wallMillis;
            runs++;
        }
        return new Result(runs, (System.nanoTime() - start) / 1e9,
                (compiler.getTotalCompilationTime() - compileStart) / 1e3, quiet);
    }
}
