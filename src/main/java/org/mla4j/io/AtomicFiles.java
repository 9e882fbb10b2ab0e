package org.mla4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes that are all-or-nothing: a file or a whole directory is built under a temporary name
 * beside its target and renamed into place, so a crash, a kill or a full disk leaves either the old
 * state or the new one, never a half-written result.
 */
public final class AtomicFiles {
    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code target} through a temporary sibling, fsyncs it and renames it into place. */
    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            move(tmp, target, true);
            syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp); // the writer itself failed: no temporary file may outlive it
            throw e;
        }
    }

    /** An I/O error in words: "No space left on device" rather than a bare path. */
    static String describe(IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }

    /** Makes a rename durable (best effort: not every file system lets a directory be fsynced). */
    private static void syncDirectory(Path dir) {
        try (var channel = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // durability of the rename is a bonus; atomicity does not depend on it
        }
    }

    /** Creates an empty staging directory beside {@code target} (hidden, unique name). */
    public static Path stagingDirectoryFor(Path target) {
        Path dir = target.toAbsolutePath().normalize().getParent();
        try {
            Files.createDirectories(dir);
            return Files.createDirectory(dir.resolve("." + target.getFileName() + ".partial-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory beside " + target + ": " + describe(e), e);
        }
    }

    /**
     * Renames a finished staging directory to {@code target}. An existing target is replaced only
     * when {@code replace} is set (the old one is moved aside first and deleted after).
     */
    public static void commitDirectory(Path staging, Path target, boolean replace) {
        try {
            if (Files.exists(target)) {
                if (!replace) {
                    throw new FileAlreadyExistsException(target.toString(), null, "it already exists");
                }
                Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
                move(target, old, false);
                try {
                    move(staging, target, false);
                } catch (IOException e) {
                    move(old, target, false); // put the previous results back rather than leave nothing
                    throw e;
                }
                deleteRecursively(old);
            } else {
                move(staging, target, false);
            }
            syncDirectory(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move results into " + target + ": " + describe(e), e);
        }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + from + " atomically", e);
        }
    }

    public static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            // best effort: leftovers are hidden staging names
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }
}
