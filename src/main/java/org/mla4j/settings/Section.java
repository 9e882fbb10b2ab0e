package org.mla4j.settings;

/** The part of an experiment spec (and of a run's config.json) a setting belongs to. */
public enum Section {
    TRAIN("train"),
    ENCODER("encoder"),
    OPTIONS("options"),
    MISSING("missing"),
    /** The analyses of an experiment ({@code analysis:} in a spec), one section each. */
    ROBUSTNESS("analysis.robustness"),
    CONVERGENCE("analysis.convergence"),
    COST("analysis.cost"),
    DATA_SIZE("analysis.data_size");

    private final String key;

    Section(String key) {
        this.key = key;
    }

    /**
     * The section's key in a spec: {@code train}, {@code encoder}, {@code options}, {@code missing}, or an
     * analysis's ({@code analysis.robustness}, ...).
     */
    public String key() {
        return key;
    }
}
