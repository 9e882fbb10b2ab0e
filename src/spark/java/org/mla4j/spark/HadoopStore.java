package org.mla4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mla4j.io.AtomicFiles;
import org.mla4j.run.RunDirectory;

/**
 * Run directories in a Hadoop file system (a local or shared path, {@code hdfs://}, {@code s3a://}
 * where the cluster has it), byte for byte as a local run writes them: local paths go through the raw
 * local file system, and no file system writes checksum side files ({@code .metrics.json.crc}), so a
 * run directory in the store is the one a local run makes. A run directory appears only when it is
 * complete: it is copied under a hidden staging name and renamed into place (atomic on HDFS and local
 * disks; a copy on S3, where the staging name keeps half-copied runs out of view of {@link #finished}).
 */
final class HadoopStore {
    private HadoopStore() {
    }

    /** A Hadoop configuration with these {@code spark.hadoop.*}-style entries (prefix removed) on top. */
    static Configuration configuration(Map<String, String> entries) {
        Configuration conf = new Configuration();
        entries.forEach(conf::set);
        return conf;
    }

    /** The file system of {@code uri}, writing no checksum files. */
    static FileSystem fileSystem(URI uri, Configuration conf) throws IOException {
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return FileSystem.getLocal(conf).getRaw();
        }
        FileSystem fs = FileSystem.get(uri, conf);
        fs.setWriteChecksum(false);
        return fs;
    }

    /** Whether {@code run} holds a finished run (its metrics.json). */
    static boolean finished(FileSystem fs, Path run) throws IOException {
        return fs.exists(new Path(run, RunDirectory.METRICS));
    }

    /**
     * Copies the local run directory {@code local} to {@code target} (which must not exist yet; if another
     * attempt put it there first, this copy is dropped).
     */
    static void upload(java.nio.file.Path local, FileSystem fs, Path target) throws IOException {
        Path staging = new Path(target.getParent(), "." + target.getName() + ".partial-" + UUID.randomUUID());
        try {
            copyUp(local, fs, staging);
            if (finished(fs, target)) {
                return; // an earlier attempt finished it (attempts never overlap: speculation is off)
            }
            if (fs.exists(target)) {
                throw new IOException(target + " exists but holds no finished run; delete it to redo the run");
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("cannot rename " + staging + " to " + target);
            }
        } finally {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
    }

    private static void copyUp(java.nio.file.Path local, FileSystem fs, Path target) throws IOException {
        fs.mkdirs(target);
        List<java.nio.file.Path> children;
        try (Stream<java.nio.file.Path> list = Files.list(local)) {
            children = list.sorted().toList();
        }
        for (java.nio.file.Path child : children) {
            Path to = new Path(target, child.getFileName().toString());
            if (Files.isDirectory(child)) {
                copyUp(child, fs, to);
            } else {
                putFile(child, fs, to);
            }
        }
    }

    /** Writes one local file to {@code target}, replacing it. */
    static void putFile(java.nio.file.Path local, FileSystem fs, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(local); OutputStream out = fs.create(target, true)) {
            in.transferTo(out);
        }
    }

    /** Copies the finished run {@code run} of the store to the local {@code target} (atomically; it must not exist). */
    static void download(FileSystem fs, Path run, java.nio.file.Path target) throws IOException {
        java.nio.file.Path staging = AtomicFiles.stagingDirectoryFor(target);
        try {
            copyDown(fs, run, staging);
            AtomicFiles.commitDirectory(staging, target, false);
        } finally {
            AtomicFiles.deleteRecursively(staging);
        }
    }

    private static void copyDown(FileSystem fs, Path from, java.nio.file.Path to) throws IOException {
        Files.createDirectories(to);
        for (FileStatus status : fs.listStatus(from)) {
            java.nio.file.Path local = to.resolve(status.getPath().getName());
            if (status.isDirectory()) {
                copyDown(fs, status.getPath(), local);
            } else {
                try (InputStream in = fs.open(status.getPath())) {
                    Files.copy(in, local);
                }
            }
        }
    }
}
