package org.mla4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.engine.ComputeDevice;
import org.mla4j.execution.ClusterExecutors;
import org.mla4j.execution.ProcessExecutor;
import org.mla4j.experiment.RunExecutor;
import org.mla4j.io.InvalidInputException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a grid command ({@code run}, {@code compare}, {@code missing}, {@code isolation}) trains its
 * runs — execution settings, not run settings: they change neither config.json's settings nor
 * run-directory names, and the same settings give the same bits whatever they are (a picocli mixin).
 */
final class ExecutionOptions {
    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs trained at once, each in its own JVM with one engine thread (default: MLA4J_JOBS if "
                    + "set, else the number of cores on a CPU and 1 on a GPU). 1 trains them one after the other in this "
                    + "JVM. The results are the same bits whatever N.")
    Integer jobs;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train the runs as Apache Spark tasks on MASTER (local[N], local[N,F] with F attempts per "
                    + "run, spark://HOST:PORT, yarn, k8s://...); needs mla4j built with -Pspark (docs/scale.md).")
    String spark;

    @Option(names = "--spark-out", paramLabel = "URI",
            description = "With --spark: where the tasks write the run directories, through Hadoop's file systems "
                    + "(hdfs://, s3a://, file:/shared/path); the results files are written there too and kept in OUT. "
                    + "Default: OUT itself, which a cluster's executors must then see at the same path.")
    String sparkOut;

    @Mixin
    DeviceOption device;

    /** Names the default of --jobs (the environment variable MLA4J_JOBS does too): the test suite sets 1. */
    static final String JOBS_PROPERTY = "mla4j.jobs";

    /**
     * The number of runs trained at once when --jobs is not given: {@value #JOBS_PROPERTY} or MLA4J_JOBS
     * when set, else the number of cores on a CPU and 1 on a GPU.
     */
    static int defaultJobs(boolean gpu) {
        String given = System.getProperty(JOBS_PROPERTY, System.getenv("MLA4J_JOBS"));
        if (given != null && !given.isBlank()) {
            try {
                return Integer.parseInt(given.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("MLA4J_JOBS (or -D" + JOBS_PROPERTY + ") must be a whole number, got '"
                        + given + "'");
            }
        }
        return gpu ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The executor for a grid with {@code todo} runs to train. Selects the device first (in this JVM;
     * with Spark each task's JVM resolves the choice on its own machine).
     */
    RunExecutor executor(int todo, String logLevel) {
        if (spark != null) {
            return cluster(logLevel);
        }
        if (sparkOut != null) {
            throw new InvalidInputException("--spark-out needs --spark MASTER");
        }
        Map<String, String> children = new LinkedHashMap<>();
        children.put("mla4j.log.level", logLevel);
        boolean gpu = ComputeDevice.select(device.choice()).isGpu();
        int n = jobs != null ? jobs : defaultJobs(gpu);
        RunSettings.require(n >= 1, "--jobs must be at least 1, got " + n);
        if (Math.min(n, todo) <= 1) {
            return RunExecutor.IN_PROCESS;
        }
        children.put(ComputeDevice.PROPERTY, ComputeDevice.describe());
        return new ProcessExecutor(Math.min(n, todo), children);
    }

    /** Whether the runs go to a cluster ({@link #cluster}) rather than this machine ({@link #executor}). */
    boolean onCluster() {
        return spark != null;
    }

    /** The cluster's executor; each task's JVM resolves the device choice on its own machine. */
    ClusterExecutors.Cluster cluster(String logLevel) {
        if (jobs != null) {
            throw new InvalidInputException("--jobs and --spark do not go together: with Spark the master sets how "
                    + "many runs train at once (local[N], or the cluster's executors and cores)");
        }
        device.choice(); // a bad value is refused here, not on the executors
        Map<String, String> children = new LinkedHashMap<>();
        children.put("mla4j.log.level", logLevel);
        children.put(ComputeDevice.PROPERTY, device.choice().toString());
        return ClusterExecutors.spark(spark, sparkOut, children);
    }

    /** "2 runs at once (--jobs)", "one run at a time" or "as Spark tasks on MASTER", for the grid's first line. */
    String describe(RunExecutor executor) {
        if (spark != null) {
            return "as Spark tasks on " + spark;
        }
        return executor instanceof ProcessExecutor p ? p.jobs() + " runs at once, one JVM each (--jobs)"
                : "one run at a time";
    }
}
