package org.mla4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process (Linux /proc), in MiB; NaN where /proc is not available. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Current resident set size. */
    public static double residentMiB() {
        return field("VmRSS:");
    }

    /** Peak resident set size since the process started. */
    public static double peakResidentMiB() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
