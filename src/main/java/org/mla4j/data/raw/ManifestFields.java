package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mla4j.io.ClosestName;
import org.mla4j.io.InvalidInputException;

/**
 * Typed access to the keys of a raw dataset manifest: every wrong type, missing key, value out of
 * range or unknown key becomes an {@link InvalidInputException} naming the manifest file and the key
 * path (e.g. {@code modalities[1].params.mel_bands}). A JSON {@code null} counts as an absent key.
 */
final class ManifestFields {
    private final Path file;

    ManifestFields(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    InvalidInputException error(String path, String problem) {
        return InvalidInputException.inFile(file, "key \"" + path + "\" " + problem);
    }

    JsonNode optional(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n == null || n.isNull() ? null : n;
    }

    JsonNode required(JsonNode parent, String at, String key) {
        JsonNode n = optional(parent, key);
        if (n == null) {
            throw InvalidInputException.inFile(file, "missing required key \"" + join(at, key) + "\"");
        }
        return n;
    }

    String string(JsonNode parent, String at, String key, String fallback) {
        JsonNode n = optional(parent, key);
        if (n == null) {
            if (fallback == null) {
                required(parent, at, key);
            }
            return fallback;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw error(join(at, key), "must be a non-empty string but is " + n);
        }
        return n.textValue();
    }

    int integer(JsonNode parent, String at, String key, int min, Integer fallback) {
        JsonNode n = fallback == null ? required(parent, at, key) : optional(parent, key);
        if (n == null) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw error(join(at, key), "must be an integer but is " + n);
        }
        if (n.intValue() < min) {
            throw error(join(at, key), "must be at least " + min + " but is " + n.intValue());
        }
        return n.intValue();
    }

    double number(JsonNode parent, String at, String key, double fallback) {
        JsonNode n = optional(parent, key);
        if (n == null) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw error(join(at, key), "must be a finite number but is " + n);
        }
        return n.doubleValue();
    }

    boolean bool(JsonNode parent, String at, String key, boolean fallback) {
        JsonNode n = optional(parent, key);
        if (n == null) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw error(join(at, key), "must be true or false but is " + n);
        }
        return n.booleanValue();
    }

    /** A lower-case name of an enum constant, e.g. {@code "hann_periodic"} for {@code HANN_PERIODIC}. */
    <E extends Enum<E>> E choice(JsonNode parent, String at, String key, Class<E> type, E fallback) {
        JsonNode n = optional(parent, key);
        if (n == null) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT);
            names.add(name);
            if (n.isTextual() && name.equals(n.textValue().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw error(join(at, key), "must be one of " + String.join(", ", names) + " but is " + n);
    }

    /** An array of numbers, or null when absent. */
    double[] numbers(JsonNode parent, String at, String key) {
        JsonNode n = optional(parent, key);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw error(join(at, key), "must be an array of numbers but is " + n);
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw error(join(at, key) + "[" + i + "]", "must be a number but is " + n.get(i));
            }
            out[i] = n.get(i).doubleValue();
        }
        return out;
    }

    /** An object node, or null when absent. */
    JsonNode object(JsonNode parent, String at, String key) {
        JsonNode n = optional(parent, key);
        if (n != null && !n.isObject()) {
            throw error(join(at, key), "must be an object but is " + n);
        }
        return n;
    }

    /** Rejects keys of {@code node} outside {@code allowed} (catches typos such as {@code mel_band}). */
    void onlyKeys(JsonNode node, String at, Set<String> allowed) {
        if (node == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String meant = ClosestName.to(key, allowed);
                throw InvalidInputException.inFile(file, "unknown key \"" + join(at, key) + "\""
                        + (meant == null ? "" : " (did you mean \"" + join(at, meant) + "\"?)")
                        + "; valid keys here: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    static String join(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }
}
