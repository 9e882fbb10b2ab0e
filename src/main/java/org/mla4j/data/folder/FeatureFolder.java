package org.mla4j.data.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.mla4j.data.DatasetChecksum;
import org.mla4j.data.DatasetFolder;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.ValidationSplit;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Npy;
import org.mla4j.io.NpyArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a features folder — a {@code manifest.json} (see {@link DatasetManifest}) with one {@code .npy}
 * array per modality — into a validated {@link MultimodalDataset}. Raw datasets (media files listed
 * in an index) are extracted into such a folder and read back through this class; callers that accept
 * both kinds use {@code org.mla4j.data.load.DatasetLoader}. Layouts: {@code docs/data-format.md}.
 *
 * <p>Guarantees of a returned dataset: every file named by the manifest lies inside the dataset folder;
 * labels are integers in [0, num_classes); each modality file is floating-point, 2-D, with
 * {@code num_samples} rows and {@code dim} columns; present rows hold only finite values and absent rows
 * (presence 0) are filled with zeros, whatever the file held; every sample has at least one modality
 * present; train and test indices are non-empty, in range, without repeats and disjoint. Without a
 * {@code split} in the manifest, a stratified {@value #DEFAULT_TEST_PERCENT}% test split is carved with
 * {@link ValidationSplit} (seed {@value #DEFAULT_SPLIT_SEED}) and logged. Any problem is an
 * {@link InvalidInputException} whose message names the file and the problem.
 *
 * <p>The optional top-level {@code presence_file} is a 2-D array of shape (num_samples, modalities) of
 * bool or integer 0/1 in manifest modality order (1 = present); without it every modality is present.
 */
public final class FeatureFolder {
    /** File name looked for when a folder is given. */
    public static final String MANIFEST = "manifest.json";
    /** Test share, in percent, held out when the manifest names no split. */
    public static final int DEFAULT_TEST_PERCENT = 20;
    /** Seed of the split held out when the manifest names no split. */
    public static final long DEFAULT_SPLIT_SEED = 0;

    private static final Logger LOG = LoggerFactory.getLogger(FeatureFolder.class);

    private FeatureFolder() {
    }

    /**
     * Loads the features folder holding {@code manifest.json}, or described by the given manifest
     * file (then file names are relative to the manifest's folder).
     */
    public static MultimodalDataset load(Path dirOrManifest) {
        Path manifestPath = manifestFile(dirOrManifest);
        return load(manifestPath, readManifest(manifestPath));
    }

    /** Loads a features folder from its manifest, already read as {@code manifestBytes}. */
    public static MultimodalDataset load(Path manifestPath, byte[] manifestBytes) {
        Path dir = manifestPath.getParent() != null ? manifestPath.getParent() : manifestPath.toAbsolutePath().getParent();
        DatasetManifest mf = DatasetManifest.parse(manifestBytes, manifestPath);
        DatasetFolder folder = new DatasetFolder(dir, manifestPath);

        Path labelsPath = folder.resolve(mf.labelsFile(), "labels_file");
        List<Path> modalityPaths = new ArrayList<>();
        for (int m = 0; m < mf.modalities().size(); m++) {
            modalityPaths.add(folder.resolve(mf.modalities().get(m).file(), "modalities[" + m + "].file"));
        }
        Path presencePath = mf.presenceFile() == null ? null : folder.resolve(mf.presenceFile(), "presence_file");
        Path trainPath = mf.hasSplit() ? folder.resolve(mf.trainFile(), "split.train_file") : null;
        Path testPath = mf.hasSplit() ? folder.resolve(mf.testFile(), "split.test_file") : null;

        int[] labels = readLabels(labelsPath, mf);
        boolean[][] present = presencePath == null ? allPresent(mf) : readPresence(presencePath, mf);
        List<Modality> modalities = new ArrayList<>();
        float[][] features = new float[mf.modalities().size()][];
        for (int m = 0; m < features.length; m++) {
            DatasetManifest.Entry e = mf.modalities().get(m);
            modalities.add(new Modality(e.name(), e.dim(), e.shape()));
            features[m] = readFeatures(modalityPaths.get(m), mf, m, present[m]);
        }
        int[] train;
        int[] test;
        if (mf.hasSplit()) {
            train = readIndices(trainPath, mf.numSamples());
            test = readIndices(testPath, mf.numSamples());
            checkDisjoint(train, trainPath, test, testPath);
        } else {
            int[] all = IntStream.range(0, mf.numSamples()).toArray();
            Splits s = ValidationSplit.carve(all, labels, mf.numClasses(), DEFAULT_TEST_PERCENT / 100.0, DEFAULT_SPLIT_SEED);
            train = s.fit();
            test = s.validation();
            if (test.length == 0) {
                throw InvalidInputException.inFile(manifestPath, "names no split, and no class has two samples"
                        + " to hold one out for testing");
            }
            LOG.info("{}: no split in the manifest; holding out a stratified {}% test split (seed {}): {} train, {} test",
                    mf.name(), DEFAULT_TEST_PERCENT, DEFAULT_SPLIT_SEED, train.length, test.length);
        }

        List<Path> hashed = new ArrayList<>();
        hashed.add(manifestPath);
        hashed.add(labelsPath);
        hashed.addAll(modalityPaths);
        if (presencePath != null) {
            hashed.add(presencePath);
        }
        if (mf.hasSplit()) {
            hashed.add(trainPath);
            hashed.add(testPath);
        }
        return new MultimodalDataset(mf.name(), dir, modalities, mf.classNames(), features, labels, present,
                train, test, DatasetChecksum.sha256(hashed));
    }

    /**
     * The manifest of a dataset given as its folder, its manifest file, or (for a raw dataset) its
     * {@code index.csv}, whose manifest is the {@code manifest.json} beside it. Any other file (not
     * {@code .json}, not {@code .csv}) is refused: a dataset is a folder.
     */
    public static Path manifestFile(Path dataDirOrFile) {
        if (Files.isDirectory(dataDirOrFile)) {
            return dataDirOrFile.resolve(MANIFEST);
        }
        if (!Files.exists(dataDirOrFile)) {
            throw InvalidInputException.inFile(dataDirOrFile, "not found (expected a dataset folder or its manifest.json)");
        }
        String file = dataDirOrFile.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (file.endsWith(".csv")) {
            Path manifest = dataDirOrFile.toAbsolutePath().resolveSibling(MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                throw InvalidInputException.inFile(dataDirOrFile, "has no " + MANIFEST + " beside it; a raw dataset needs"
                        + " one with \"format\": \"raw\" saying what each column holds (see docs/data-format.md)");
            }
            return manifest;
        }
        if (!file.endsWith(".json")) {
            // a data file, a results file, a model...: reading it as JSON would only give a parser message
            throw InvalidInputException.inFile(dataDirOrFile, "is a file, not a dataset: expected a dataset folder, its "
                    + MANIFEST + " or a raw dataset's index.csv");
        }
        return dataDirOrFile;
    }

    /** The manifest's bytes, or one clear error naming the file. */
    public static byte[] readManifest(Path manifestPath) {
        try {
            return Files.readAllBytes(manifestPath);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(manifestPath, "file not found");
        } catch (IOException e) {
            throw InvalidInputException.inFile(manifestPath, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static int[] readLabels(Path path, DatasetManifest mf) {
        NpyArray a = Npy.read(path);
        requireIntegers(a, path, "class labels");
        int[] labels = vector(a, path, "class labels");
        if (labels.length != mf.numSamples()) {
            throw InvalidInputException.inFile(path, "has " + labels.length + " rows but " + mf.file().getFileName()
                    + " says num_samples is " + mf.numSamples());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= mf.numClasses()) {
                throw InvalidInputException.inFile(path, "row " + i + " has label " + labels[i] + ", outside [0, "
                        + mf.numClasses() + ") for num_classes " + mf.numClasses());
            }
        }
        return labels;
    }

    private static float[] readFeatures(Path path, DatasetManifest mf, int m, boolean[] present) {
        DatasetManifest.Entry e = mf.modalities().get(m);
        NpyArray a = Npy.read(path);
        if (!a.isFloating()) {
            throw InvalidInputException.inFile(path, "has dtype '" + a.dtype() + "' but features of modality '"
                    + e.name() + "' must be float32 or float64");
        }
        if (a.rank() != 2) {
            throw InvalidInputException.inFile(path, "has shape " + Npy.shapeString(a.shape())
                    + " but features of modality '" + e.name() + "' must be 2-D (samples, dim)");
        }
        if (a.dim(1) != e.dim()) {
            throw InvalidInputException.inFile(path, "has " + a.dim(1) + " features per row but "
                    + mf.file().getFileName() + " gives modalities[" + m + "].dim as " + e.dim());
        }
        if (a.dim(0) != mf.numSamples()) {
            throw InvalidInputException.inFile(path, "has " + a.dim(0) + " rows but " + mf.labelsFile() + " has "
                    + mf.numSamples());
        }
        float[] x = a.floats();
        int dim = e.dim();
        for (int i = 0; i < present.length; i++) {
            int base = i * dim;
            if (!present[i]) {
                Arrays.fill(x, base, base + dim, 0f);
                continue;
            }
            for (int j = 0; j < dim; j++) {
                float v = x[base + j];
                if (!Float.isFinite(v)) {
                    throw InvalidInputException.inFile(path, "row " + i + " of modality '" + e.name() + "' holds "
                            + v + " in column " + j + ", but a present row must hold only finite values");
                }
            }
        }
        return x;
    }

    private static boolean[][] allPresent(DatasetManifest mf) {
        boolean[][] present = new boolean[mf.modalities().size()][mf.numSamples()];
        for (boolean[] p : present) {
            Arrays.fill(p, true);
        }
        return present;
    }

    private static boolean[][] readPresence(Path path, DatasetManifest mf) {
        NpyArray a = Npy.read(path);
        if (a.isFloating()) {
            throw InvalidInputException.inFile(path, "has dtype '" + a.dtype()
                    + "' but presence flags must be bool or integer 0/1");
        }
        int n = mf.numSamples();
        int numModalities = mf.modalities().size();
        if (a.rank() != 2 || a.dim(0) != n || a.dim(1) != numModalities) {
            throw InvalidInputException.inFile(path, "has shape " + Npy.shapeString(a.shape()) + " but must be ("
                    + n + ", " + numModalities + "): one row per sample, one column per modality in manifest order");
        }
        int[] v = a.ints();
        boolean[][] present = new boolean[numModalities][n];
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (int m = 0; m < numModalities; m++) {
                int flag = v[i * numModalities + m];
                if (flag != 0 && flag != 1) {
                    throw InvalidInputException.inFile(path, "row " + i + ", column " + m + " holds " + flag
                            + " but presence flags must be 0 or 1");
                }
                present[m][i] = flag == 1;
                any |= flag == 1;
            }
            if (!any) {
                throw InvalidInputException.inFile(path, "row " + i + " has no modality present; every sample needs at least one");
            }
        }
        for (int m = 0; m < numModalities; m++) {
            boolean[] p = present[m];
            if (IntStream.range(0, n).noneMatch(i -> p[i])) {
                LOG.warn("{}: modality '{}' is absent in every sample", path, mf.modalities().get(m).name());
            }
        }
        return present;
    }

    private static int[] readIndices(Path path, int n) {
        NpyArray a = Npy.read(path);
        requireIntegers(a, path, "split indices");
        int[] idx = vector(a, path, "split indices");
        if (idx.length == 0) {
            throw InvalidInputException.inFile(path, "holds no index, but a split must not be empty");
        }
        int[] firstPosition = new int[n];
        Arrays.fill(firstPosition, -1);
        for (int k = 0; k < idx.length; k++) {
            int row = idx[k];
            if (row < 0 || row >= n) {
                throw InvalidInputException.inFile(path, "index " + row + " at position " + k + " is outside [0, " + n + ")");
            }
            if (firstPosition[row] >= 0) {
                throw InvalidInputException.inFile(path, "index " + row + " appears twice (positions "
                        + firstPosition[row] + " and " + k + ")");
            }
            firstPosition[row] = k;
        }
        return idx;
    }

    private static void checkDisjoint(int[] train, Path trainPath, int[] test, Path testPath) {
        int max = 0;
        for (int row : train) {
            max = Math.max(max, row);
        }
        boolean[] inTrain = new boolean[max + 1];
        for (int row : train) {
            inTrain[row] = true;
        }
        for (int row : test) {
            if (row <= max && inTrain[row]) {
                throw InvalidInputException.inFile(testPath, "index " + row + " is also in " + trainPath.getFileName()
                        + ", but train and test must not overlap");
            }
        }
    }

    private static void requireIntegers(NpyArray a, Path path, String what) {
        char kind = a.dtype().length() > 1 ? a.dtype().charAt(1) : '?';
        if (kind != 'i' && kind != 'u') {
            throw InvalidInputException.inFile(path, "has dtype '" + a.dtype() + "' but " + what + " must be integers");
        }
    }

    /** A 1-D array, or a 2-D one with a single column, as int values. */
    private static int[] vector(NpyArray a, Path path, String what) {
        if (a.rank() == 1 || (a.rank() == 2 && a.dim(1) == 1)) {
            return a.ints();
        }
        throw InvalidInputException.inFile(path, "has shape " + Npy.shapeString(a.shape()) + " but " + what
                + " must be 1-D");
    }
}
