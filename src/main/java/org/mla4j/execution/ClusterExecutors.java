package org.mla4j.execution;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.mla4j.experiment.RunExecutor;
import org.mla4j.io.InvalidInputException;

/**
 * Cluster engines that train a grid's runs, found with {@link ServiceLoader} so that none of them is
 * on the default classpath: mla4j built with {@code -Pspark} provides Spark's
 * ({@code org.mla4j.spark}). Without it, {@code --spark} gets one line saying how to get it.
 */
public final class ClusterExecutors {
    /** A cluster engine. */
    public interface Provider {
        /** Its name: {@code spark}. */
        String name();

        /**
         * An executor on {@code master}, writing run directories to {@code store} (a Hadoop file-system URI,
         * or null for the results directory itself).
         *
         * @param childProperties system properties for the JVM that trains each run (log level, device choice)
         */
        Cluster create(String master, String store, Map<String, String> childProperties);
    }

    /**
     * A grid's executor on a cluster, whose run directories may live elsewhere than the results
     * directory this JVM writes (the store): finished runs are fetched from the store before the grid
     * is planned, and the results files are copied back to it at the end.
     */
    public interface Cluster extends RunExecutor {
        /** Copies the finished run directories the store has and {@code results} lacks into {@code results/runs}. */
        void fetch(Path results);

        /** Copies the results files of {@code results} (not its runs, which are there already) to the store. */
        void publish(Path results);
    }

    private ClusterExecutors() {
    }

    /** Spark's executor on {@code master}. */
    public static Cluster spark(String master, String store, Map<String, String> childProperties) {
        Provider spark;
        try {
            spark = find("spark");
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new InvalidInputException("--spark: mla4j's Spark support is here but Spark's classes are not on the "
                    + "classpath (" + e.getMessage() + "); run the Spark build through spark-submit or ./mla as "
                    + "docs/scale.md shows");
        }
        if (spark == null) {
            throw new InvalidInputException("--spark: this mla4j was built without Spark; build it with 'mvn -Pspark "
                    + "package' and run it as docs/scale.md shows (./mla ... --spark MASTER, or spark-submit)");
        }
        return spark.create(master, store, childProperties);
    }

    /**
     * The provider named {@code name}, or null. A provider the services file names but the classpath
     * lacks (a default build over a Spark build's leftovers) counts as none.
     */
    public static Provider find(String name) {
        java.util.Iterator<Provider> it = ServiceLoader.load(Provider.class, ClusterExecutors.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return null;
                }
                Provider p = it.next();
                if (p.name().equals(name)) {
                    return p;
                }
            } catch (ServiceConfigurationError e) {
                if (e.getMessage() != null && e.getMessage().endsWith(" not found")) {
                    return null; // "Provider org.mla4j.spark.SparkProvider not found"
                }
                throw e;
            }
        }
    }
}
