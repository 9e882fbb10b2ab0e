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
        p.put("cpu", cpu());
        p.put("cpu_cores", Runtime.getRuntime().availableProcessors());
        p.put("engine_threads", EngineThreads.configured());
        p.put("flush_denormals", FlushToZero.inEffect() ? "on" : "off");
        p.put("device", ComputeDevice.describe());
        p.put("created", Instant.now().toString());
        return p;
    }

    /**
     * The CPU as Linux names it, with its family and model numbers ("Intel(R) Xeon(R) Processor, family 6
     * model 207"), or "unknown": the engine picks its kernels per CPU, so results may differ in the last
     * bits between CPU types (docs/reproducibility.md).
     */
    static String cpu() {
        return cpu(Path.of("/proc/cpuinfo"));
    }

    static String cpu(Path cpuinfo) {
        String name = null;
        String family = null;
        String model = null;
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    if (name != null) {
                        break; // the first processor's block is enough
                    }
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "model name" -> name = name == null ? value : name;
                    case "cpu family" -> family = family == null ? value : family;
                    case "model" -> model = model == null ? value : model;
                    default -> {
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
        if (name == null) {
            return "unknown";
        }
        return family != null && model != null ? name + ", family " + family + " model " + model : name;
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
