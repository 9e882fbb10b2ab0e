package org.mla4j.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One modality of a dataset: its name (unique within the dataset), its feature size and the shape
 * its flat feature rows have.
 *
 * <p>Guarantees: {@code dim ≥ 1}; {@code shape} is non-empty, every entry is ≥ 1 and their product is
 * {@code dim}. A row of {@code dim} values is the row-major (C order) flattening of {@code shape}:
 * flat features have shape {@code [dim]}, an image {@code [C, H, W]}, a log-mel spectrogram
 * {@code [1, mel_bands, frames]} (or {@code [1, frames, mel_bands]} for frame-major layouts).
 * Convolutional encoders need a rank-3 shape; fully connected ones ignore it.
 *
 * @param shape      unmodifiable
 * @param pretrained the TorchScript module the modality's encoder is (then the rows are its input), or
 *                   null for an encoder built from the encoder settings
 */
public record Modality(String name, int dim, List<Integer> shape,
                       @JsonInclude(JsonInclude.Include.NON_NULL) PretrainedModule pretrained) {

    public Modality {
        if (dim < 1) {
            throw new IllegalArgumentException("modality " + name + ": dim must be at least 1, got " + dim);
        }
        shape = shape == null ? List.of(dim) : List.copyOf(shape);
        long product = 1;
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("modality " + name + ": shape " + shape + " has an entry below 1");
            }
            product *= s;
        }
        if (shape.isEmpty() || product != dim) {
            throw new IllegalArgumentException("modality " + name + ": shape " + shape + " does not hold " + dim
                    + " values");
        }
    }

    /** A modality without a pretrained module. */
    public Modality(String name, int dim, List<Integer> shape) {
        this(name, dim, shape, null);
    }

    /** A modality of flat features: shape {@code [dim]}. */
    public Modality(String name, int dim) {
        this(name, dim, List.of(dim));
    }

    /** Number of axes of {@link #shape()}: 1 for flat features, 3 for (C, H, W). */
    public int rank() {
        return shape.size();
    }

    /** Whether the rows are (C, H, W) grids that a convolutional encoder can read. */
    public boolean isSpatial() {
        return shape.size() == 3;
    }

    /** This modality with {@code module} as its encoder (null: none). */
    public Modality withPretrained(PretrainedModule module) {
        return new Modality(name, dim, shape, module);
    }

    /** The shape as an array (a copy). */
    public int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }
}
