package org.mla4j.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.mla4j.io.InvalidInputException;

/**
 * Reads an experiment spec: YAML text → tree → command-line overrides applied → bound to
 * {@link ExperimentSpec}. Guarantees that every problem becomes one {@link InvalidInputException}
 * line naming the file (or the {@code --set} argument) and the key: an unknown key lists the valid
 * keys of its section (and the closest one, when a typo is likely), a value of the wrong kind says
 * what was expected and what was found, a YAML syntax error gives the line and column, and a key
 * written twice is refused. A float where an integer is expected is an error, not truncated.
 */
public final class SpecReader {
    /** The YAML mapper of experiment specs (strict: unknown keys, duplicate keys and floats-as-ints fail). */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    /** Writes specs as YAML, leaving out keys without a value (they take their defaults). */
    public static final com.fasterxml.jackson.databind.ObjectWriter WRITER = YAML.copy()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).writer();

    /** A bound spec, the file it came from and the overrides applied to it. */
    public record Bound(Path file, ExperimentSpec spec, List<SpecOverride> overrides) {
        /** Where a key's value came from, for messages: {@code --set K=V} or {@code file: key}. */
        public String where(String key) {
            return source(file, overrides, key) + key;
        }
    }

    private SpecReader() {
    }

    /** Reads {@code file} and applies the {@code KEY=VALUE} overrides in order. */
    public static Bound read(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": experiment spec not found");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(file, text, overrides);
    }

    /** Parses spec text; {@code file} is used to name it in messages and to resolve relative paths. */
    public static Bound parse(Path file, String text, List<String> overrides) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            throw new InvalidInputException(file + ": is not valid YAML (" + where + firstLine(e.getOriginalMessage())
                    + ")");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = YAML.createObjectNode();
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new InvalidInputException(file + ": an experiment spec is a mapping of keys ("
                    + String.join(", ", ExperimentSpec.KEYS) + "), not " + describe(tree));
        }
        List<SpecOverride> applied = new ArrayList<>();
        for (String argument : overrides) {
            SpecOverride o = SpecOverride.parse(argument);
            o.applyTo(root);
            applied.add(o);
        }
        try {
            return new Bound(file, YAML.treeToValue(root, ExperimentSpec.class), List.copyOf(applied));
        } catch (UnrecognizedPropertyException e) {
            String key = path(e);
            List<String> valid = keysOf(e.getReferringClass(), e.getKnownPropertyIds());
            String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : null;
            String suggestion = closest(e.getPropertyName(), valid);
            throw new InvalidInputException(source(file, applied, key) + "unknown key '" + key + "'"
                    + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "") + "; valid keys"
                    + (section != null ? " in " + section.replaceAll("\\[\\d+]$", "[]") : "") + ": "
                    + String.join(", ", valid));
        } catch (MismatchedInputException e) {
            String key = path(e);
            throw new InvalidInputException(source(file, applied, key) + key + " must be " + expected(e.getTargetType())
                    + ", got " + describe(at(root, e.getPath())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + firstLine(e.getMessage()));
        }
    }

    /** "file: " or "--set k=v: " for a key (dotted, list entries as [i] or .i), the last override winning. */
    static String source(Path file, List<SpecOverride> overrides, String key) {
        String dotted = key.replaceAll("\\[(\\d+)]", ".$1");
        for (int i = overrides.size() - 1; i >= 0; i--) {
            String k = overrides.get(i).key();
            if (dotted.equals(k) || dotted.startsWith(k + ".") || k.startsWith(dotted + ".")) {
                return overrides.get(i).describe() + ": ";
            }
        }
        return file + ": ";
    }

    /** The key path of a binding error: {@code train.epochs}, {@code variants[1].options.hgm}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode node = root;
        for (JsonMappingException.Reference r : path) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.isArray() ? node.get(r.getIndex()) : node;
        }
        return node;
    }

    /** The valid keys of a spec section in schema order (record components, YAML names). */
    private static List<String> keysOf(Class<?> type, Collection<Object> known) {
        List<String> keys = new ArrayList<>();
        if (type != null && type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
                keys.add(p != null && !p.value().isEmpty() ? p.value() : c.getName());
            }
            return keys;
        }
        known.forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }

    /** The valid key closest to a typo (edit distance ≤ 2, or one contains the other), or null. */
    static String closest(String typo, List<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(typo.toLowerCase(java.util.Locale.ROOT), v);
            if (d < bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        if (best != null && (bestDistance <= 2 || (typo.length() >= 3 && best.contains(typo)))) {
            return best;
        }
        return null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (text)";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys";
        }
        return "a " + type.getSimpleName();
    }

    /** A node in words, for messages: {@code 'thirty'}, {@code 3.5}, {@code a list}, {@code a mapping}. */
    static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        return node.toString();
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }
}
