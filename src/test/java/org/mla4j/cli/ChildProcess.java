package org.mla4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the {@code mla} command line in a separate JVM with the test classpath and the engine
 * settings of this JVM (offline, thread counts), so a test can kill it or compare two processes.
 */
final class ChildProcess {
    private static final List<String> FORWARDED = List.of("ai.djl.offline", "ai.djl.pytorch.num_threads",
            "ai.djl.pytorch.num_interop_threads");

    private ChildProcess() {
    }

    /** Starts {@code mla args...}; standard output and error go to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        return start(log, List.of("-Xmx1g"), args);
    }

    /** Starts {@code mla args...} in a JVM with the given options (heap, collector). */
    static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (String key : FORWARDED) {
            String value = System.getProperty(key);
            if (value != null) {
                command.add("-D" + key + "=" + value);
            }
        }
        command.add("-cp");
        command.add(classpath());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TORCH_CPP_LOG_LEVEL", "ERROR");
        return pb.start();
    }

    /** The test classpath (surefire sets java.class.path to it in the forked test JVM). */
    static String classpath() {
        return System.getProperty("java.class.path");
    }
}
