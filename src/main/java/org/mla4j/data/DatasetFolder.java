package org.mla4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.mla4j.io.InvalidInputException;

/**
 * Resolves file names from a manifest (or an index that lists files) against the dataset folder. Guarantees that a returned path
 * lies inside the folder: absolute names, names that climb out with {@code ..}, and existing files
 * whose real location (after following symbolic links) is outside the folder are rejected with
 * "path leaves the dataset folder".
 */
public final class DatasetFolder {
    private final Path dir;
    private final Path manifest;

    /**
     * @param dir      the dataset folder
     * @param manifest the manifest or index the names come from (named in error messages)
     */
    public DatasetFolder(Path dir, Path manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The path of {@code name} inside the folder. A missing file is not an error here (reading it
     * reports "file not found").
     *
     * @param key where the name is written (a manifest key, an index line and column), for messages
     */
    public Path resolve(String name, String key) {
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw leaves(name, key, "is not a valid file name");
        }
        Path base = dir.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (relative.isAbsolute() || relative.getRoot() != null || !resolved.startsWith(base)) {
            throw leaves(name, key, "path leaves the dataset folder");
        }
        if (resolved.equals(base)) {
            throw leaves(name, key, "names the dataset folder itself, not a file in it");
        }
        if (Files.exists(resolved)) {
            try {
                if (!resolved.toRealPath().startsWith(base.toRealPath())) {
                    throw leaves(name, key, "path leaves the dataset folder (through a symbolic link)");
                }
            } catch (IOException e) {
                throw InvalidInputException.inFile(dir.resolve(name), "cannot be read (" + e.getMessage() + ")");
            }
        }
        return dir.resolve(relative).normalize();
    }

    private InvalidInputException leaves(String name, String key, String problem) {
        return InvalidInputException.inFile(manifest, "file \"" + name + "\" (" + key + "): " + problem);
    }
}
