package org.mla4j.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared folder (real datasets and reference vectors) beside the checkout. */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("mla4j.shared");
        Path p = configured != null ? Path.of(configured) : Path.of("..", "shared");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared folder not found at " + p.toAbsolutePath()
                    + " (set -Dmla4j.shared=DIR)");
        }
        return p;
    }

    public static Path data(String name) {
        return root().resolve("data").resolve(name);
    }

    public static Path reference(String file) {
        return root().resolve("reference").resolve(file);
    }
}
