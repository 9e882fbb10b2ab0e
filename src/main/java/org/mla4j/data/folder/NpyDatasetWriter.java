package org.mla4j.data.folder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.Json;
import org.mla4j.io.Npy;

/**
 * Writes a dataset in the {@code .npy} layout that {@link DatasetLoader} reads: {@code manifest.json},
 * one float32 {@code <modality>.npy} (N × dim) per modality, {@code labels.npy} (int32),
 * {@code train_indices.npy} and {@code test_indices.npy}, {@code presence.npy} (bool, N × M) only when
 * some modality is absent for some sample, and optionally {@code sample_ids.txt} (one id per line).
 * Modalities get {@code sample_shape} when their rows are not flat. Rows of absent pairs are written
 * as zeros. A modality whose file name would collide with one of these files is written as
 * {@code modality_<name>.npy}.
 *
 * <p>Files go straight into {@code dir}: callers that need all-or-nothing output write into a
 * staging directory and rename it ({@link org.mla4j.io.AtomicFiles}).
 */
public final class NpyDatasetWriter {
    public static final String LABELS = "labels.npy";
    public static final String TRAIN = "train_indices.npy";
    public static final String TEST = "test_indices.npy";
    public static final String PRESENCE = "presence.npy";
    public static final String IDS = "sample_ids.txt";
    private static final Set<String> RESERVED = Set.of(FeatureFolder.MANIFEST, LABELS, TRAIN, TEST, PRESENCE, IDS);

    private NpyDatasetWriter() {
    }

    /**
     * Writes {@code ds} into {@code dir} (created if needed).
     *
     * @param splitSource     how the train/test split was made (recorded as {@code split.source})
     * @param ids             sample ids in row order, or null for none
     * @param modalityExtras  per modality, extra manifest keys (e.g. kind and preprocessing), or null
     * @param manifestExtras  extra top-level manifest keys (e.g. source), written after the standard ones
     */
    public static void write(Path dir, MultimodalDataset ds, String splitSource, List<String> ids,
                             List<Map<String, Object>> modalityExtras, Map<String, Object> manifestExtras) {
        int n = ds.numSamples();
        int numModalities = ds.numModalities();
        boolean anyAbsent = false;
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", ds.name());
        manifest.put("num_samples", n);
        manifest.put("num_classes", ds.numClasses());
        manifest.put("class_names", ds.classNames());
        manifest.put("labels_file", LABELS);
        List<Map<String, Object>> modalities = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int m = 0; m < numModalities; m++) {
                Modality mod = ds.modality(m);
                String file = RESERVED.contains(mod.name() + ".npy") ? "modality_" + mod.name() + ".npy" : mod.name() + ".npy";
                float[] x = ds.features(m).clone();
                for (int i = 0; i < n; i++) {
                    if (!ds.isPresent(m, i)) {
                        anyAbsent = true;
                        java.util.Arrays.fill(x, i * mod.dim(), (i + 1) * mod.dim(), 0f);
                    }
                }
                write(dir.resolve(file), out -> Npy.writeFloats(out, x, n, mod.dim()));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", mod.name());
                entry.put("file", file);
                entry.put("dim", mod.dim());
                entry.put("dtype", "float32 little-endian");
                if (mod.rank() > 1) {
                    entry.put("sample_shape", mod.shape());
                }
                if (modalityExtras != null) {
                    entry.putAll(modalityExtras.get(m));
                }
                modalities.add(entry);
            }
            manifest.put("modalities", modalities);
            write(dir.resolve(LABELS), out -> Npy.writeInts(out, ds.labels(), n));
            write(dir.resolve(TRAIN), out -> Npy.writeInts(out, ds.trainIndices(), ds.trainIndices().length));
            write(dir.resolve(TEST), out -> Npy.writeInts(out, ds.testIndices(), ds.testIndices().length));
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("train_file", TRAIN);
            split.put("test_file", TEST);
            split.put("num_train", ds.trainIndices().length);
            split.put("num_test", ds.testIndices().length);
            split.put("source", splitSource);
            manifest.put("split", split);
            if (anyAbsent) {
                byte[] flags = new byte[n * numModalities];
                for (int i = 0; i < n; i++) {
                    for (int m = 0; m < numModalities; m++) {
                        flags[i * numModalities + m] = (byte) (ds.isPresent(m, i) ? 1 : 0);
                    }
                }
                write(dir.resolve(PRESENCE), out -> Npy.write(out, "|b1", new long[] {n, numModalities}, flags));
                manifest.put("presence_file", PRESENCE);
            }
            if (ids != null) {
                Files.writeString(dir.resolve(IDS), String.join("\n", ids) + "\n", StandardCharsets.UTF_8);
                manifest.put("sample_ids_file", IDS);
            }
            if (manifestExtras != null) {
                manifest.putAll(manifestExtras);
            }
            Files.writeString(dir.resolve(FeatureFolder.MANIFEST), Json.write(manifest), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset into " + dir + ": " + e.getMessage(), e);
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            body.write(out);
        }
    }
}
