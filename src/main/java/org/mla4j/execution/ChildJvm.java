package org.mla4j.execution;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mla4j.engine.EngineThreads;

/**
 * The command line of a child JVM that runs {@link RunWorker}: the same {@code java} as this JVM,
 * the same classpath and this JVM's own flags (the launcher's memory settings, offline mode,
 * flush-to-zero, {@code mla4j.home}), with one engine thread and the given system properties on top.
 * Debugger agents are left out (a second JVM cannot open the same port).
 */
final class ChildJvm {
    /** One intra-op and one inter-op engine thread: each child is one of N parallel runs. */
    static final Map<String, String> ONE_THREAD = Map.of(EngineThreads.PROPERTY, "1",
            "ai.djl.pytorch.num_interop_threads", "1");

    private ChildJvm() {
    }

    /** {@code java <flags> -D<k>=<v>... -cp <classpath> org.mla4j.execution.RunWorker}. */
    static List<String> command(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(ONE_THREAD);
        all.putAll(properties);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp") || overridden(arg, all.keySet())) {
                continue;
            }
            command.add(arg);
        }
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classpath());
        command.add(RunWorker.class.getName());
        return command;
    }

    private static boolean overridden(String arg, Set<String> keys) {
        for (String key : keys) {
            if (arg.equals("-D" + key) || arg.startsWith("-D" + key + "=")) {
                return true;
            }
        }
        return false;
    }

    /**
     * This JVM's classpath when mla4j was loaded from it (the launcher, tests). Otherwise mla4j was loaded
     * by a framework's class loader, as spark-submit loads an application jar: an assembled jar that
     * holds mla4j's dependencies too (mla4j-spark.jar) is the whole classpath; else every jar that class
     * loader sees ({@code --jars}), mla4j's own first.
     */
    static String classpath() {
        ClassLoader loader = RunWorker.class.getClassLoader();
        if (loader == ClassLoader.getSystemClassLoader()) {
            return System.getProperty("java.class.path");
        }
        String own = location(RunWorker.class.getProtectionDomain().getCodeSource().getLocation());
        if (own.equals(location(ai.djl.engine.Engine.class.getProtectionDomain().getCodeSource().getLocation()))) {
            return own;
        }
        Set<String> entries = new LinkedHashSet<>(List.of(own));
        try {
            for (URL manifest : Collections.list(loader.getResources("META-INF/MANIFEST.MF"))) {
                String url = manifest.toString();
                if (url.startsWith("jar:file:") && url.contains("!/")) {
                    entries.add(location(new URL(url.substring(4, url.indexOf("!/")))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the jars of mla4j's class loader", e);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String location(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.getPath();
        }
    }
}
