package org.mla4j.spark;

import java.util.Map;
import org.mla4j.execution.ClusterExecutors;

/** Spark for {@code --spark MASTER} (found by {@link java.util.ServiceLoader} in mla4j's Spark build). */
public final class SparkProvider implements ClusterExecutors.Provider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public ClusterExecutors.Cluster create(String master, String store, Map<String, String> childProperties) {
        return new SparkExecutor(master, store, childProperties);
    }
}
