package org.mla4j.run;

/**
 * Simulated missing modalities for a run: each present (sample, modality) pair is dropped with
 * probability {@code rate} (seeded), keeping at least one modality per sample. By default every
 * modality and every split (train, validation, test) is affected, as in the paper's Table 2; the
 * isolation analysis (its Figure 2) drops only {@code modality}, and only in the training split.
 *
 * @param modality     the only modality to drop, or null for all
 * @param trainingOnly drop only in the training split (fit and validation rows); test stays complete
 */
public record MissingSpec(double rate, long seed, String modality, boolean trainingOnly) {
    public static final MissingSpec NONE = new MissingSpec(0, 0, null, false);

    public static MissingSpec everywhere(double rate, long seed) {
        return new MissingSpec(rate, seed, null, false);
    }

    public boolean active() {
        return rate > 0;
    }
}
