package org.mla4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.mla4j.execution.ChildRun;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;
import org.mla4j.run.RunConfig;

/**
 * One Spark task = one run of the grid. On its executor it trains the run in a child JVM
 * ({@link ChildRun}: several tasks of one executor never share an engine) into a scratch directory,
 * then copies the finished run directory to the store ({@link HadoopStore}). A run the store already
 * holds is not trained again (a rerun, or a retried task whose earlier attempt got that far).
 *
 * <p>Failures: an attempt that fails for a reason another attempt may not have (the worker JVM died,
 * an executor's disk, the store) throws, and Spark runs the task again; on the last attempt Spark
 * allows, and for a run that diverged (the same settings diverge again), the task returns a failure
 * instead, so that the run is reported as failed and the other runs of the grid carry on (a task that
 * throws on its last attempt would abort the whole job).
 */
final class RunTask implements Function<RunTask.Spec, RunTask.Result> {
    private static final long serialVersionUID = 1L;

    /**
     * What a task needs, all as plain values (the task runs in another JVM, perhaps another machine).
     *
     * @param ordinal    the run's place among the grid's runs to train
     * @param config     the run's {@link RunConfig#json()} as JSON
     * @param target     the run directory's URI in the store
     * @param data       the dataset's absolute path (executors must see it at that path)
     * @param provenance the driver's provenance for the run, as JSON
     * @param child      system properties of the training JVM (log level, device choice)
     * @param hadoop     Hadoop configuration entries from the driver's {@code spark.hadoop.*}
     * @param attempts   how many attempts Spark gives a task
     */
    record Spec(int ordinal, String config, String target, String data, String provenance, Map<String, String> child,
                Map<String, String> hadoop, int attempts) implements Serializable {
    }

    /** How a task ended: done (the run is in the store) or failed, with why. */
    record Result(int ordinal, boolean done, String reason, int attempt) implements Serializable {
    }

    @Override
    public Result call(Spec spec) throws Exception {
        TaskContext context = TaskContext.get();
        int attempt = context == null ? 0 : context.attemptNumber();
        boolean last = attempt + 1 >= spec.attempts();
        try {
            URI uri = new URI(spec.target());
            FileSystem fs = HadoopStore.fileSystem(uri, HadoopStore.configuration(spec.hadoop()));
            Path target = new Path(uri);
            if (HadoopStore.finished(fs, target)) {
                return new Result(spec.ordinal(), true, null, attempt);
            }
            java.nio.file.Path scratch = Files.createTempDirectory("mla4j-task-");
            try {
                java.nio.file.Path local = scratch.resolve(target.getName());
                ChildRun.Outcome outcome = ChildRun.train(config(spec), local, java.nio.file.Path.of(spec.data()),
                        provenance(spec), spec.child());
                if (outcome.done()) {
                    HadoopStore.upload(local, fs, target);
                    return new Result(spec.ordinal(), true, null, attempt);
                }
                if (outcome.diverged() || last) {
                    return new Result(spec.ordinal(), false, outcome.reason() + attempts(attempt, spec), attempt);
                }
                throw new IllegalStateException(outcome.reason());
            } finally {
                AtomicFiles.deleteRecursively(scratch);
            }
        } catch (IOException | RuntimeException e) {
            if (last) {
                return new Result(spec.ordinal(), false, (e.getMessage() != null ? e.getMessage() : e.toString())
                        + attempts(attempt, spec), attempt);
            }
            throw e;
        }
    }

    private static String attempts(int attempt, Spec spec) {
        return spec.attempts() == 1 ? "" : " (attempt " + (attempt + 1) + " of " + spec.attempts() + ")";
    }

    private static RunConfig config(Spec spec) throws IOException {
        return RunConfig.fromJson(Json.MAPPER.readTree(spec.config()), "the Spark task's run settings");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provenance(Spec spec) throws IOException {
        return Json.MAPPER.readValue(spec.provenance(), LinkedHashMap.class);
    }
}
