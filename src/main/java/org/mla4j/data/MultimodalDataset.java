package org.mla4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.mla4j.io.InvalidInputException;

/**
 * A validated dataset in memory: M modalities over the same N samples, class labels, which
 * (sample, modality) pairs are present, and the dataset's own train/test split.
 *
 * <p>Features are raw (not standardised), one row-major {@code N × dim} array per modality.
 * Rows of absent pairs hold unspecified values and must not be read.
 */
public final class MultimodalDataset {
    private final String name;
    private final Path directory;
    private final List<Modality> modalities;
    private final List<String> classNames;
    private final float[][] features;
    private final int[] labels;
    private final boolean[][] present;
    private final int[] trainIndices;
    private final int[] testIndices;
    private final String checksum;
    /** Presence as the dataset's files record it, before any simulated mask ({@link #withPresence}). */
    private final boolean[][] recorded;

    /**
     * @param features     per modality, row-major N × dim
     * @param present      per modality, N flags
     * @param checksum     a digest identifying the dataset's content (recorded in run provenance)
     */
    public MultimodalDataset(String name, Path directory, List<Modality> modalities, List<String> classNames,
                             float[][] features, int[] labels, boolean[][] present,
                             int[] trainIndices, int[] testIndices, String checksum) {
        this(name, directory, modalities, classNames, features, labels, present, trainIndices, testIndices, checksum,
                present);
    }

    private MultimodalDataset(String name, Path directory, List<Modality> modalities, List<String> classNames,
                              float[][] features, int[] labels, boolean[][] present, int[] trainIndices,
                              int[] testIndices, String checksum, boolean[][] recorded) {
        this.recorded = recorded;
        this.name = name;
        this.directory = directory;
        this.modalities = List.copyOf(modalities);
        this.classNames = List.copyOf(classNames);
        this.features = features;
        this.labels = labels;
        this.present = present;
        this.trainIndices = trainIndices;
        this.testIndices = testIndices;
        this.checksum = checksum;
        if (features.length != modalities.size() || present.length != modalities.size()) {
            throw new IllegalArgumentException("one feature array and one presence array per modality expected");
        }
        for (int m = 0; m < modalities.size(); m++) {
            if (features[m].length != (long) labels.length * modalities.get(m).dim() || present[m].length != labels.length) {
                throw new IllegalArgumentException("modality " + modalities.get(m).name() + " has the wrong number of values");
            }
        }
    }

    public String name() {
        return name;
    }

    public Path directory() {
        return directory;
    }

    public List<Modality> modalities() {
        return modalities;
    }

    public int numModalities() {
        return modalities.size();
    }

    public Modality modality(int m) {
        return modalities.get(m);
    }

    public List<String> modalityNames() {
        return modalities.stream().map(Modality::name).collect(Collectors.toList());
    }

    /** Index of the modality with this name, or an error listing the valid names. */
    public int modalityIndex(String modalityName) {
        for (int m = 0; m < modalities.size(); m++) {
            if (modalities.get(m).name().equals(modalityName)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown modality '" + modalityName + "' in dataset " + name
                + "; valid names: " + String.join(", ", modalityNames()));
    }

    public int numSamples() {
        return labels.length;
    }

    public int numClasses() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Row-major N × dim raw features of modality m (shared, do not modify). */
    public float[] features(int m) {
        return features[m];
    }

    public int[] labels() {
        return labels;
    }

    /** Presence flags of modality m over all N samples (shared, do not modify). */
    public boolean[] present(int m) {
        return present[m];
    }

    public boolean isPresent(int m, int sample) {
        return present[m][sample];
    }

    public int[] trainIndices() {
        return trainIndices;
    }

    public int[] testIndices() {
        return testIndices;
    }

    public String checksum() {
        return checksum;
    }

    /** The same samples with other presence flags (used to simulate missing modalities). */
    public MultimodalDataset withPresence(boolean[][] newPresent) {
        return new MultimodalDataset(name, directory, modalities, classNames, features, labels, newPresent,
                trainIndices, testIndices, checksum, recorded);
    }

    /**
     * Whether modality m of {@code sample} is hidden by a simulated mask although the files hold its
     * value: the only case where a value of an absent modality exists (reconstruction targets of
     * missing-modality methods; never used for evaluation).
     */
    public boolean hasHiddenValue(int m, int sample) {
        return recorded[m][sample] && !present[m][sample];
    }
}
