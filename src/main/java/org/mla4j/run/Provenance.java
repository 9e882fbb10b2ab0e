package org.mla4j.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.engine.ComputeDevice;
import org.mla4j.engine.EngineThreads;
import org.mla4j.engine.FlushToZero;
import org.mla4j.io.Versions;

/** How a run was made, recorded beside its results so it can be regenerated. */
public final class Provenance {
    private Provenance() {
    }

    public static Map<String, Object> collect(List<String> commandLine) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("command", commandLine);
        p.put("mla4j_version", Versions.mla4j());
        p.put("git_revision", gitRevision());
        p.put("djl_version", Versions.djl());
        p.put("pytorch_version", Versions.pytorch());
        p.put("java_version", System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cpu_cores", Runtime.getRuntime().availableProcessors());
        p.put("engine_threads", EngineThreads.configured());
        p.put("flush_denormals", FlushToZero.inEffect() ? "on" : "off");
        p.put("device", ComputeDevice.describe());
        p.put("created", Instant.now().toString());
        return p;
    }

    /** The checkout's commit (with "-dirty" when it has local changes), or "unknown". */
    static String gitRevision() {
        Path home = Path.of(System.getProperty("mla4j.home", "."));
        if (!Files.exists(home.resolve(".git"))) {
            return "unknown";
        }
        try {
            String rev = run(home, "git", "rev-parse", "HEAD");
            String status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
            return rev.isEmpty() ? "unknown" : rev + (status.isEmpty() ? "" : "-dirty");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        return process.waitFor() == 0 ? out : "";
    }
}
