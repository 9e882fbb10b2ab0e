package org.mla4j.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.engine.EngineThreads;

/**
 * The machine a measurement ran on, in words, for cost tables: the processor's model name, its
 * logical cores, the memory, the engine's thread setting, the operating system and the JVM. Read from
 * Linux's {@code /proc} where it exists ("unknown" elsewhere).
 */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", field(Path.of("/proc/cpuinfo"), "model name", "unknown"));
        m.put("logical_cores", Runtime.getRuntime().availableProcessors());
        String total = field(Path.of("/proc/meminfo"), "MemTotal", null);
        m.put("memory_mib", total == null ? null : Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024);
        m.put("engine_threads", EngineThreads.configured());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    /** The 1-minute load average (runnable processes), or NaN where /proc/loadavg is not there. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** "AMD EPYC, 2 logical cores, 23 GiB, engine threads 1". */
    static String words(Map<String, Object> machine) {
        Object memory = machine.get("memory_mib");
        return machine.get("cpu") + ", " + machine.get("logical_cores") + " logical cores"
                + (memory == null ? "" : ", " + Math.round(((Number) memory).doubleValue() / 1024) + " GiB memory")
                + ", engine threads " + machine.get("engine_threads") + ", " + machine.get("os") + ", Java "
                + machine.get("java");
    }

    /** The value of the first {@code key: value} line of a /proc file, or {@code otherwise}. */
    private static String field(Path file, String key, String otherwise) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
        return otherwise;
    }
}
