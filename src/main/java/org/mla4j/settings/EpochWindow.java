package org.mla4j.settings;

/** An inclusive range of epochs, 0-based; {@code last = -1} means to the end of training. */
public record EpochWindow(int first, int last) {
    /** Whether {@code epoch} lies in the window. */
    public boolean contains(int epoch) {
        return epoch >= first && (last < 0 || epoch <= last);
    }

    @Override
    public String toString() {
        return first + ":" + last;
    }
}
