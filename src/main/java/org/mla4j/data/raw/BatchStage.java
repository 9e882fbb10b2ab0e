package org.mla4j.data.raw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The second stage of a {@link BatchedRecipe} during one extraction: holds its open encoder and the
 * prepared samples of the current run of rows ("chunk"), and writes their features once the chunk's
 * first stage is done. Slots are written by the decoding threads (each its own) and read by the
 * calling thread after it has waited for them.
 */
final class BatchStage<T> implements AutoCloseable {
    private final BatchedRecipe<T> recipe;
    private final BatchedRecipe.Encoder<T> encoder;
    private final List<T> slots;

    private BatchStage(BatchedRecipe<T> recipe, BatchedRecipe.Encoder<T> encoder, int chunk) {
        this.recipe = recipe;
        this.encoder = encoder;
        this.slots = new ArrayList<>(Collections.nCopies(chunk, null));
    }

    static BatchStage<?> open(BatchedRecipe<?> recipe, int threads, int chunk) {
        return create(recipe, threads, chunk);
    }

    private static <T> BatchStage<T> create(BatchedRecipe<T> recipe, int threads, int chunk) {
        return new BatchStage<>(recipe, recipe.open(threads), chunk);
    }

    int dim() {
        return encoder.dim();
    }

    /** First stage of the sample in {@code slot} of the current chunk. */
    void prepare(int slot, List<FeatureRecipe.Input> files) {
        slots.set(slot, recipe.prepare(files));
    }

    /** Encodes the present samples of rows {@code start … start+count−1} into {@code features} (N × dim). */
    void encode(int start, int count, boolean[] present, float[] features) {
        List<T> items = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (present[start + i]) {
                items.add(slots.get(i));
                rows.add(start + i);
            }
            slots.set(i, null);
        }
        if (items.isEmpty()) {
            return;
        }
        int dim = encoder.dim();
        float[] out = encoder.encode(items);
        for (int k = 0; k < rows.size(); k++) {
            System.arraycopy(out, k * dim, features, rows.get(k) * dim, dim);
        }
    }

    @Override
    public void close() {
        encoder.close();
    }
}
