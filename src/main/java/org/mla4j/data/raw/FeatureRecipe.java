package org.mla4j.data.raw;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mla4j.data.PretrainedModule;

/**
 * Turns the file(s) of one sample's modality into a fixed-length feature row. Implementations are
 * immutable, deterministic (the same bytes give the same floats) and safe to share between threads.
 */
public interface FeatureRecipe {

    /**
     * One input file.
     *
     * @param path  where it was read (for messages)
     * @param bytes its whole content
     */
    record Input(Path path, byte[] bytes) {
    }

    MediaKind kind();

    /** Length of every feature row. */
    int dim();

    /** Shape of a row, product {@link #dim()}: {@code [C, H, W]} for images and spectrograms. */
    List<Integer> shape();

    /** Whether a cell may list several files (separated by the manifest's list separator). */
    default boolean multipleFiles() {
        return false;
    }

    /**
     * Whether a cell holds the data itself (text written in the index) rather than file names; then
     * {@link #extract} gets one input whose path is the index file and whose bytes are the cell's
     * UTF-8 text.
     */
    default boolean inlineCells() {
        return false;
    }

    /**
     * The features of one sample.
     *
     * @throws org.mla4j.io.InvalidInputException naming the file when one cannot be decoded
     */
    float[] extract(List<Input> files);

    /**
     * The TorchScript module that is this modality's encoder and trains with the model
     * ({@code "fine_tune": true}), or null: then the features are final and the encoder settings choose
     * the encoder.
     */
    default PretrainedModule trainableModule() {
        return null;
    }

    /**
     * Every parameter that affects the output, as plain JSON values in a fixed order: recorded in
     * extracted manifests and part of the feature cache key.
     */
    Map<String, Object> describe();
}
