package org.mla4j.data.raw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mla4j.io.InvalidInputException;

/**
 * Computes the features of every sample of a {@link RawTable}: each file is read once, hashed and
 * decoded by its modality's {@link FeatureRecipe}; rows are processed in parallel, and the result
 * does not depend on the number of threads.
 *
 * <p>The content checksum is SHA-256 over the manifest bytes, the index bytes, then for every sample
 * (in index order) and modality (in manifest order) the number of its files as a 4-byte big-endian
 * integer followed by the SHA-256 of each file's bytes. It changes when any byte of any listed file
 * changes, and does not depend on file dates.
 *
 * <p>Modalities with a {@link BatchedRecipe} (text, pretrained models) are extracted in two stages
 * per run of {@value #CHUNK} consecutive samples: their files are decoded in parallel with the others,
 * then the run's present samples are encoded in batches on the calling thread by the encoder opened
 * for the whole extraction (a model that does not fit is reported before any file is decoded). For
 * text written in the index the checksum takes the SHA-256 of the cell's UTF-8 bytes in place of a
 * file's.
 *
 * <p>A file that is missing, unreadable or undecodable stops the extraction with an
 * {@link InvalidInputException} naming the file, the index line and the column (the first failing
 * sample in index order is reported).
 */
public final class FeatureExtraction {
    /** Told how many samples are done (called from the calling thread, in order). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        void samplesDone(int done, int total);
    }

    /**
     * Features of every sample.
     *
     * @param features        per modality, row-major N × dim (zeros where absent)
     * @param present         per modality, N flags
     * @param contentChecksum SHA-256 of the dataset's content, lowercase hex
     * @param seconds         wall time
     */
    public record Result(float[][] features, boolean[][] present, String contentChecksum, double seconds) {
    }

    /** Samples decoded before the batched stage runs (bounds the memory of prepared inputs). */
    static final int CHUNK = 256;

    private FeatureExtraction() {
    }

    /** Threads used when none are given: every processor this JVM may use. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public static Result run(RawTable table, byte[] manifestBytes, int threads, Progress progress) {
        long start = System.nanoTime();
        List<RawManifest.Entry> entries = table.manifest().modalities();
        int n = table.size();
        int numModalities = entries.size();
        float[][] features = new float[numModalities][];
        boolean[][] present = new boolean[numModalities][n];
        byte[][] digests = new byte[n][];
        BatchStage<?>[] stages = new BatchStage<?>[numModalities];
        boolean batched = false;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "mla4j-extract");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int m = 0; m < numModalities; m++) {
                if (entries.get(m).recipe() instanceof BatchedRecipe<?> b) {
                    stages[m] = BatchStage.open(b, threads, CHUNK);
                    batched = true;
                }
                features[m] = new float[n * (stages[m] != null ? stages[m].dim() : entries.get(m).recipe().dim())];
            }
            int chunk = batched ? CHUNK : Math.max(1, n);
            for (int first = 0; first < n; first += chunk) {
                int count = Math.min(chunk, n - first);
                List<Future<?>> futures = new ArrayList<>(count);
                for (int i = first; i < first + count; i++) {
                    int row = i;
                    int slot = i - first;
                    futures.add(pool.submit(() -> {
                        digests[row] = sample(table, row, features, present, stages, slot);
                        return null;
                    }));
                }
                for (int i = 0; i < count; i++) {
                    await(futures.get(i));
                    if (!batched) {
                        progress.samplesDone(first + i + 1, n);
                    }
                }
                for (int m = 0; m < numModalities; m++) {
                    if (stages[m] != null) {
                        stages[m].encode(first, count, present[m], features[m]);
                    }
                }
                for (int i = 0; batched && i < count; i++) {
                    progress.samplesDone(first + i + 1, n);
                }
            }
        } finally {
            pool.shutdownNow();
            for (BatchStage<?> s : stages) {
                if (s != null) {
                    s.close();
                }
            }
        }
        MessageDigest total = sha256();
        total.update(manifestBytes);
        try {
            total.update(Files.readAllBytes(table.indexFile()));
        } catch (IOException e) {
            throw InvalidInputException.inFile(table.indexFile(), "cannot be read (" + e.getMessage() + ")");
        }
        for (byte[] d : digests) {
            total.update(d);
        }
        return new Result(features, present, HexFormat.of().formatHex(total.digest()), (System.nanoTime() - start) / 1e9);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("feature extraction interrupted", e);
        }
    }

    /**
     * Extracts one sample into the shared arrays (its own slice of them), or for batched modalities
     * into its {@code slot} of their stage, and returns its digest bytes.
     */
    private static byte[] sample(RawTable table, int row, float[][] features, boolean[][] present, BatchStage<?>[] stages,
                                 int slot) {
        ByteArrayOutputStream digest = new ByteArrayOutputStream();
        MessageDigest sha = sha256();
        List<RawManifest.Entry> entries = table.manifest().modalities();
        for (int m = 0; m < entries.size(); m++) {
            RawManifest.Entry e = entries.get(m);
            List<String> cells = table.inline().get(m);
            List<Path> paths = cells != null ? cells.get(row).isEmpty() ? List.of() : List.of(table.indexFile())
                    : table.files().get(m).get(row);
            digest.writeBytes(ByteBuffer.allocate(4).putInt(paths.size()).array());
            if (paths.isEmpty()) {
                continue;
            }
            String where = table.indexFile().getFileName() + " line " + table.lines()[row] + ", column '" + e.column() + "'";
            List<FeatureRecipe.Input> inputs = new ArrayList<>(paths.size());
            for (Path p : paths) {
                byte[] bytes = cells != null ? cells.get(row).getBytes(StandardCharsets.UTF_8) : read(p, where);
                digest.writeBytes(sha.digest(bytes));
                inputs.add(new FeatureRecipe.Input(p, bytes));
            }
            if (stages[m] != null) {
                try {
                    stages[m].prepare(slot, inputs);
                } catch (InvalidInputException ex) {
                    throw new InvalidInputException(ex.getMessage() + " (" + where + ")", ex);
                }
                present[m][row] = true;
                continue;
            }
            float[] f;
            try {
                f = e.recipe().extract(inputs);
            } catch (InvalidInputException ex) {
                throw new InvalidInputException(ex.getMessage() + " (" + where + ")", ex);
            }
            int dim = e.recipe().dim();
            if (f.length != dim) {
                throw new IllegalStateException("recipe of " + e.name() + " returned " + f.length + " values, not " + dim);
            }
            System.arraycopy(f, 0, features[m], row * dim, dim);
            present[m][row] = true;
        }
        return digest.toByteArray();
    }

    private static byte[] read(Path p, String where) {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(p, "file not found (" + where + ")");
        } catch (IOException e) {
            throw InvalidInputException.inFile(p, "cannot be read (" + e.getMessage() + "; " + where + ")");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
