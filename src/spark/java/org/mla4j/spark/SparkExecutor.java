package org.mla4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.execution.ClusterExecutors;
import org.mla4j.experiment.ExperimentGrid;
import org.mla4j.experiment.RunGrid;
import org.mla4j.experiment.RunSummary;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.RunDirectory;
import scala.Tuple2;

/**
 * A grid's runs as Spark tasks, one run per task and partition ({@link RunTask}), on the master
 * {@code --spark} names; the driver is this JVM, which gives progress from Spark's task events and
 * writes the results files exactly as for a local grid. Run directories go to the store: the results
 * directory itself by default (a path every executor must see), or {@code --spark-out URI}, from where
 * the driver fetches them into the results directory.
 *
 * <p>Attempts per task: F for {@code local[N,F]}, 1 for {@code local[N]} (Spark's local mode tries
 * once), {@code spark.task.maxFailures} (default 4) on a cluster. Speculation is off, so two attempts of
 * a run never overlap.
 */
final class SparkExecutor implements ClusterExecutors.Cluster {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SparkExecutor.class);
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[\\s*(\\*|\\d+)\\s*(?:,\\s*(\\d+)\\s*)?])?");

    private final String master;
    private final URI store;
    private final Map<String, String> child;

    SparkExecutor(String master, String store, Map<String, String> child) {
        if (master == null || master.isBlank()) {
            throw new InvalidInputException("--spark needs a master URL: local[N], local[N,F], spark://HOST:PORT, yarn, ...");
        }
        this.master = master.trim();
        this.store = store == null ? null : storeUri(store);
        this.child = Map.copyOf(child);
    }

    private static URI storeUri(String store) {
        try {
            URI uri = new URI(store.endsWith("/") ? store.substring(0, store.length() - 1) : store);
            return uri.getScheme() == null ? java.nio.file.Path.of(store).toAbsolutePath().normalize().toUri() : uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("--spark-out " + store + " is not a URI (" + e.getReason() + ")");
        }
    }

    /** Attempts Spark gives one task on {@code master}. */
    static int attempts(String master, SparkConf conf) {
        Matcher m = LOCAL.matcher(master.trim());
        if (m.matches()) {
            return m.group(2) == null ? 1 : Math.max(1, Integer.parseInt(m.group(2)));
        }
        return conf.getInt("spark.task.maxFailures", 4);
    }

    /** Where a run's directory goes in the store. */
    URI target(RunGrid.Entry entry) {
        if (store == null) {
            return new java.io.File(entry.directory().toAbsolutePath().normalize().toString()).toURI();
        }
        String base = store.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + ExperimentGrid.RUNS + "/" + entry.directory().getFileName());
    }

    @Override
    public void train(List<Job> jobs, MultimodalDataset dataset, Supplier<Map<String, Object>> provenance,
                      RunGrid.Listener listener) {
        if (jobs.isEmpty()) {
            return;
        }
        SparkConf conf = new SparkConf().setMaster(master).setIfMissing("spark.app.name", "mla4j grid")
                .set("spark.speculation", "false");
        if (LOCAL.matcher(master).matches()) {
            conf.setIfMissing("spark.ui.enabled", "false").setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        int attempts = attempts(master, conf);
        Map<String, String> hadoop = hadoopEntries(conf);
        List<RunTask.Spec> specs = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            RunGrid.Entry entry = jobs.get(i).entry();
            specs.add(new RunTask.Spec(i, Json.write(entry.config().json()), target(entry).toString(),
                    java.nio.file.Path.of(entry.config().data()).toAbsolutePath().normalize().toString(),
                    Json.write(provenance.get()), child, hadoop, attempts));
        }
        TaskProgress progress = new TaskProgress(jobs, listener, this::fetchRun);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            TaskEvents events = new TaskEvents();
            sc.sc().addSparkListener(events);
            JavaFutureAction<List<RunTask.Result>> future = sc.parallelize(specs, specs.size()).map(new RunTask())
                    .collectAsync();
            while (!future.isDone()) {
                progress.handle(events.poll(200), attempts, this::finishedInStore);
            }
            List<RunTask.Result> results;
            String aborted = null;
            try {
                results = future.get();
            } catch (ExecutionException e) {
                results = List.of();
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                aborted = "the Spark job was aborted: " + String.valueOf(cause.getMessage()).lines().findFirst()
                        .orElse(cause.toString());
            }
            for (TaskEvents.Event e = events.poll(0); e != null; e = events.poll(0)) {
                progress.handle(e, attempts, this::finishedInStore);
            }
            progress.end(results, aborted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Spark job ran", e);
        }
    }

    private static Map<String, String> hadoopEntries(SparkConf conf) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Tuple2<String, String> t : conf.getAllWithPrefix("spark.hadoop.")) {
            entries.put(t._1(), t._2());
        }
        return entries;
    }

    private Configuration hadoop() {
        return HadoopStore.configuration(hadoopEntries(new SparkConf()));
    }

    /** Whether the store holds {@code entry}'s finished run. */
    private boolean finishedInStore(RunGrid.Entry entry) {
        try {
            URI uri = target(entry);
            return HadoopStore.finished(HadoopStore.fileSystem(uri, hadoop()), new Path(uri));
        } catch (IOException e) {
            LOG.warn("cannot read {} in the store: {}", entry.label(), e.getMessage());
            return false;
        }
    }

    /** Makes a run the store holds available in the results directory (a copy when the store is elsewhere). */
    private RunSummary fetchRun(RunGrid.Entry entry) {
        if (store != null && !RunGrid.isDone(entry)) {
            try {
                URI uri = target(entry);
                HadoopStore.download(HadoopStore.fileSystem(uri, hadoop()), new Path(uri), entry.directory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + target(entry) + " to " + entry.directory(), e);
            }
        }
        return RunSummary.read(entry.directory().resolve(RunDirectory.METRICS));
    }

    @Override
    public void fetch(java.nio.file.Path results) {
        if (store == null) {
            return;
        }
        try {
            FileSystem fs = HadoopStore.fileSystem(store, hadoop());
            Path runs = new Path(new Path(store), ExperimentGrid.RUNS);
            if (!fs.exists(runs)) {
                return;
            }
            for (FileStatus run : fs.listStatus(runs)) {
                String name = run.getPath().getName();
                java.nio.file.Path local = results.resolve(ExperimentGrid.RUNS).resolve(name);
                if (run.isDirectory() && !name.startsWith(".") && HadoopStore.finished(fs, run.getPath())
                        && !Files.exists(local)) {
                    HadoopStore.download(fs, run.getPath(), local);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runs in " + store + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(java.nio.file.Path results) {
        if (store == null) {
            return;
        }
        try (Stream<java.nio.file.Path> files = Files.walk(results)) {
            FileSystem fs = HadoopStore.fileSystem(store, hadoop());
            for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
                java.nio.file.Path relative = results.relativize(file);
                if (hidden(relative)) {
                    continue;
                }
                Path target = new Path(new Path(store), relative.toString().replace('\\', '/'));
                boolean topLevel = relative.getNameCount() == 1;
                if (topLevel || !fs.exists(target)) { // a run's files are the store's; only what was added beside them
                    HadoopStore.putFile(file, fs, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the results to " + store + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(java.nio.file.Path relative) {
        for (java.nio.file.Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
