package org.mla4j.train;

/**
 * Where and how often the training loop saves its {@link TrainingState}. The loop asks after every
 * epoch; taking a state copies the model to the host, so it only does so when a save is due.
 */
public interface Checkpointer {
    /** Never saves. */
    Checkpointer NONE = new Checkpointer() {
        @Override
        public boolean due(int epochsDone, int totalEpochs) {
            return false;
        }

        @Override
        public void save(TrainingState state) {
        }
    };

    /** Whether to save after {@code epochsDone} of {@code totalEpochs} epochs. */
    boolean due(int epochsDone, int totalEpochs);

    /** Saves the state; must be all-or-nothing (a kill while saving keeps the previous checkpoint). */
    void save(TrainingState state);
}
