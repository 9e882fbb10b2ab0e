package org.mla4j.method.mla;

import java.util.Locale;

/** Which feature mean updates HGM's projection matrix at a turn. */
public enum HgmFeatures {
    /** The modality that took the previous turn (the paper's rule; default). */
    PREVIOUS,
    /** The current turn's own batch, before its gradient is projected. */
    CURRENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
