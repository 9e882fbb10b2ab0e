package org.mla4j.data.raw;

import java.util.Locale;

/** What the files of a raw modality are, as named by {@code "kind"} in the manifest. */
public enum MediaKind {
    /** One WAV file per cell, turned into a log-mel spectrogram ({@link AudioRecipe}). */
    AUDIO,
    /** One image file per cell ({@link ImageRecipe}). */
    IMAGE,
    /** Several image files per cell (video frames, separated by the manifest's list separator) ({@link VideoRecipe}). */
    VIDEO,
    /** One {@code .npy} file per cell holding a ready feature vector ({@link VectorRecipe}). */
    FEATURES,
    /** The cell's text, or a UTF-8 text file, turned into a sentence vector ({@link TextRecipe}). */
    TEXT;

    /** The manifest spelling, e.g. {@code "audio"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
