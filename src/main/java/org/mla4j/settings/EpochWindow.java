package org.mla4j.settings;

/**
 * An inclusive range of epochs, numbered from 1 as the console counts them; {@code last = -1} means
 * to the end of training.
 */
public record EpochWindow(int first, int last) {
    /** Whether epoch number {@code epoch} (from 1) lies in the window. */
    public boolean contains(int epoch) {
        return epoch >= first && (last < 0 || epoch <= last);
    }

    @Override
    public String toString() {
        return first + ":" + last;
    }
}
