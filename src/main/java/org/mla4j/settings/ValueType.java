package org.mla4j.settings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The type of a setting's value: how it is read from a command-line or {@code --set} text and from a
 * YAML/JSON node, how it is checked, and how it is written back. A bad value is a
 * {@link BadValue} whose message completes "KEY ..." (e.g. "must be a positive number, got -1").
 */
public interface ValueType<T> {
    /** Thrown for a value that does not fit; the message reads after the key's name. */
    final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        public BadValue(String message) {
            super(message);
        }
    }

    /** The value written as text (command line, {@code --set}). */
    T parse(String text) throws BadValue;

    /** The value written in a spec or config file. */
    T read(JsonNode node) throws BadValue;

    /** The value as plain JSON data (numbers, strings, lists, maps). */
    Object toJson(T value);

    /** The value as a person writes it on the command line, for help texts. */
    String format(T value);
}
