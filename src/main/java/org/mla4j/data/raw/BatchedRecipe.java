package org.mla4j.data.raw;

import java.util.List;

/**
 * A recipe whose features come from a network run over batches of samples (the bundled sentence
 * encoder, a frozen pretrained model). Extraction has two stages: {@link #prepare} turns one sample's
 * files into the network's input (decoded text, a preprocessed tensor), in parallel over samples;
 * then one {@link Encoder}, opened for the whole extraction, encodes the prepared samples in batches.
 * {@link FeatureExtraction} feeds it consecutive runs of samples in index order, so the batches (and
 * the result) depend only on the dataset, not on the number of threads.
 *
 * @param <T> what {@link #prepare} makes of one sample
 */
public interface BatchedRecipe<T> extends FeatureRecipe {

    /** Loaded network state for one extraction run; not thread-safe, closed when the run ends. */
    interface Encoder<T> extends AutoCloseable {
        /** Features per sample. */
        int dim();

        /** The features of {@code items}, row-major {@code items.size() × dim()}; batches them itself. */
        float[] encode(List<T> items);

        @Override
        void close();
    }

    /**
     * The first stage for one sample; deterministic and safe to call from several threads.
     *
     * @throws org.mla4j.io.InvalidInputException naming the file when it cannot be decoded
     */
    T prepare(List<Input> files);

    /**
     * Loads the network.
     *
     * @param threads intra-op threads for the network
     * @throws org.mla4j.io.InvalidInputException naming the model file when it cannot be used
     */
    Encoder<T> open(int threads);

    /** One sample on its own: prepares it, opens the network, encodes and closes (extraction batches instead). */
    @Override
    default float[] extract(List<Input> files) {
        T item = prepare(files);
        try (Encoder<T> encoder = open(1)) {
            return encoder.encode(List.of(item));
        }
    }
}
