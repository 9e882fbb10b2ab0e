package org.mla4j.settings;

/** The part of an experiment spec (and of a run's config.json) a setting belongs to. */
public enum Section {
    TRAIN("train"),
    ENCODER("encoder"),
    OPTIONS("options"),
    MISSING("missing");

    private final String key;

    Section(String key) {
        this.key = key;
    }

    /** The section's key in a spec: {@code train}, {@code encoder}, {@code options}, {@code missing}. */
    public String key() {
        return key;
    }
}
