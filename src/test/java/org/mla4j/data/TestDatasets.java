package org.mla4j.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.mla4j.io.Npy;

/**
 * Writes small synthetic datasets (manifest + {@code .npy} files) for tests, with hooks to break any
 * piece, e.g. {@code TestDatasets.builder().label(3, 7).write(dir)}.
 *
 * <p>Default: 20 samples, 2 classes (label of row i is {@code i % classes}), modalities {@code a} (dim 3)
 * and {@code b} (dim 2) in {@code a.npy}/{@code b.npy}, feature values {@link #value}, labels in
 * {@code labels.npy}, split files {@code train_indices.npy}/{@code test_indices.npy} with every fifth row
 * ({@code i % 5 == 4}) in test, no presence file, and an extra descriptive manifest key that the loader
 * must ignore.
 */
public final class TestDatasets {
    public static final String LABELS = "labels.npy";
    public static final String TRAIN = "train_indices.npy";
    public static final String TEST = "test_indices.npy";
    public static final String PRESENCE = "presence.npy";
    public static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatasets() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes the default valid dataset into {@code dir} and returns {@code dir}. */
    public static Path write(Path dir) {
        return builder().write(dir);
    }

    /** Feature value written at (row, col) of modality number m for a row with this label. */
    public static float value(int m, int row, int col, int label) {
        return label + 0.25f * ((row * 7 + col * 3 + m) % 5);
    }

    /** The bytes of a {@code .npy} file with an arbitrary header and raw data. */
    public static byte[] npy(String descr, long[] shape, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Npy.write(out, descr, shape, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** float32 little-endian {@code .npy} bytes. */
    public static byte[] floats(float[] values, long... shape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Npy.writeFloats(out, values, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** int32 little-endian {@code .npy} bytes. */
    public static byte[] ints(int[] values, long... shape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Npy.writeInts(out, values, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Drops the last {@code bytes} bytes of a file. */
    public static void truncate(Path file, int bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites bytes of a file at an offset. */
    public static void overwrite(Path file, long offset, byte... bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Describes one synthetic dataset and writes it; every setter returns this builder. */
    public static final class Builder {
        private int samples = 20;
        private int classes = 2;
        private final List<String> names = new ArrayList<>(List.of("a", "b"));
        private final List<Integer> dims = new ArrayList<>(List.of(3, 2));
        private boolean customModalities;
        private boolean split = true;
        private int[][] presence;
        private String presenceDescr = "|b1";
        private final Map<Integer, Integer> labelEdits = new HashMap<>();
        private final Map<String, Float> featureEdits = new HashMap<>();
        private final List<Consumer<ObjectNode>> manifestEdits = new ArrayList<>();
        private String manifestText;
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Set<String> omitted = new HashSet<>();

        private Builder() {
        }

        public Builder samples(int n) {
            samples = n;
            return this;
        }

        public Builder classes(int c) {
            classes = c;
            return this;
        }

        /** Adds a modality stored in {@code name.npy}; the first call replaces the default modalities. */
        public Builder modality(String name, int dim) {
            if (!customModalities) {
                names.clear();
                dims.clear();
                customModalities = true;
            }
            names.add(name);
            dims.add(dim);
            return this;
        }

        /** No split files and no {@code split} key in the manifest. */
        public Builder withoutSplit() {
            split = false;
            return this;
        }

        /** Writes {@code presence.npy} from {@code flags[sample][modality]} and names it in the manifest. */
        public Builder presence(int[][] flags) {
            presence = flags;
            return this;
        }

        /** Numpy dtype of the presence file: {@code |b1} (default), {@code |u1} or {@code <i4}. */
        public Builder presenceDtype(String descr) {
            presenceDescr = descr;
            return this;
        }

        /** Marks one (sample, modality) pair absent; creates an all-present presence file if needed. */
        public Builder absent(int row, String modality) {
            if (presence == null) {
                presence = new int[samples][names.size()];
                for (int[] r : presence) {
                    Arrays.fill(r, 1);
                }
            }
            presence[row][names.indexOf(modality)] = 0;
            return this;
        }

        /** Overrides one written feature value. */
        public Builder feature(String modality, int row, int col, float v) {
            featureEdits.put(modality + ":" + row + ":" + col, v);
            return this;
        }

        /** Overrides one written label. */
        public Builder label(int row, int v) {
            labelEdits.put(row, v);
            return this;
        }

        /** Edits the manifest JSON tree before it is written. */
        public Builder editManifest(Consumer<ObjectNode> edit) {
            manifestEdits.add(edit);
            return this;
        }

        /** Edits the manifest entry of modality number {@code index} before it is written. */
        public Builder editModality(int index, Consumer<ObjectNode> edit) {
            return editManifest(m -> edit.accept((ObjectNode) m.get("modalities").get(index)));
        }

        /** Writes this text as the manifest instead of the generated one. */
        public Builder manifestText(String raw) {
            manifestText = raw;
            return this;
        }

        /** Writes these bytes under {@code name} (relative to the folder) instead of the generated file. */
        public Builder file(String name, byte[] bytes) {
            files.put(name, bytes);
            return this;
        }

        /** Does not write the file {@code name} (the manifest still names it). */
        public Builder omit(String name) {
            omitted.add(name);
            return this;
        }

        public int[] labels() {
            int[] labels = new int[samples];
            for (int i = 0; i < samples; i++) {
                labels[i] = labelEdits.getOrDefault(i, i % classes);
            }
            return labels;
        }

        /** Creates {@code dir} if needed, writes every file and returns {@code dir}. */
        public Path write(Path dir) {
            try {
                Files.createDirectories(dir);
                Map<String, byte[]> out = new LinkedHashMap<>();
                out.put(MANIFEST, manifestText != null ? manifestText.getBytes(StandardCharsets.UTF_8)
                        : JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest()));
                int[] labels = labels();
                out.put(LABELS, ints(labels, samples));
                for (int m = 0; m < names.size(); m++) {
                    out.put(names.get(m) + ".npy", floats(features(m, labels), samples, dims.get(m)));
                }
                if (split) {
                    List<Integer> train = new ArrayList<>();
                    List<Integer> test = new ArrayList<>();
                    for (int i = 0; i < samples; i++) {
                        (i % 5 == 4 ? test : train).add(i);
                    }
                    out.put(TRAIN, ints(train.stream().mapToInt(Integer::intValue).toArray(), train.size()));
                    out.put(TEST, ints(test.stream().mapToInt(Integer::intValue).toArray(), test.size()));
                }
                if (presence != null) {
                    out.put(PRESENCE, presenceBytes());
                }
                out.putAll(files);
                for (Map.Entry<String, byte[]> e : out.entrySet()) {
                    if (!omitted.contains(e.getKey())) {
                        Path p = dir.resolve(e.getKey());
                        Files.createDirectories(p.getParent());
                        Files.write(p, e.getValue());
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private float[] features(int m, int[] labels) {
            int dim = dims.get(m);
            float[] x = new float[samples * dim];
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < dim; j++) {
                    x[i * dim + j] = featureEdits.getOrDefault(names.get(m) + ":" + i + ":" + j, value(m, i, j, labels[i]));
                }
            }
            return x;
        }

        private byte[] presenceBytes() {
            int numModalities = presence.length == 0 ? names.size() : presence[0].length;
            int width = presenceDescr.endsWith("4") ? 4 : 1;
            ByteBuffer b = ByteBuffer.allocate(presence.length * numModalities * width).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] row : presence) {
                for (int v : row) {
                    if (width == 4) {
                        b.putInt(v);
                    } else {
                        b.put((byte) v);
                    }
                }
            }
            return npy(presenceDescr, new long[] {presence.length, numModalities}, b.array());
        }

        private ObjectNode manifest() {
            ObjectNode root = JSON.createObjectNode();
            root.put("name", "synthetic");
            root.put("num_samples", samples);
            root.put("num_classes", classes);
            root.put("labels_file", LABELS);
            root.put("description", "synthetic test data; this key is descriptive and ignored");
            ArrayNode mods = root.putArray("modalities");
            for (int m = 0; m < names.size(); m++) {
                ObjectNode o = mods.addObject();
                o.put("name", names.get(m));
                o.put("file", names.get(m) + ".npy");
                o.put("dim", dims.get(m));
                o.put("dtype", "float32 little-endian");
            }
            ArrayNode classNames = root.putArray("class_names");
            for (int c = 0; c < classes; c++) {
                classNames.add("class" + c);
            }
            if (split) {
                ObjectNode s = root.putObject("split");
                s.put("train_file", TRAIN);
                s.put("test_file", TEST);
                s.put("source", "every fifth row is test");
            }
            if (presence != null) {
                root.put("presence_file", PRESENCE);
            }
            for (Consumer<ObjectNode> edit : manifestEdits) {
                edit.accept(root);
            }
            return root;
        }
    }
}
