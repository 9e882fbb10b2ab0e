package org.mla4j.train;

/** Told about training progress (progress bars, logs). */
public interface EpochListener {
    EpochListener NONE = new EpochListener() {
    };

    default void onBatch(int epoch, int batch, int batchesPerEpoch) {
    }

    default void onEpoch(EpochRecord record, boolean improved) {
    }
}
