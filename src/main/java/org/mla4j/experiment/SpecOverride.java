package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mla4j.io.InvalidInputException;

/**
 * One command-line override of a spec setting, {@code KEY=VALUE} ({@code mla run spec.yaml --set
 * train.epochs=30}). The key is a dotted path into the spec ({@code train.epochs},
 * {@code options.hgm}, {@code variants.0.options.fusion}: a number picks a list entry); the value is
 * read as YAML ({@code 30}, {@code off}, {@code [0.1, 0.3]}), and a value with commas that is not
 * already a YAML list or mapping is a list ({@code methods=mla,concat}); an empty value removes the
 * setting, so it takes its default. Sections on the way are created when absent. Whether the key
 * exists in the spec is checked when the spec is bound, with the same message as a typo in the file.
 *
 * @param key  the dotted path as given
 * @param text the value as given
 */
public record SpecOverride(String key, String text) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9]+");

    /** Parses {@code KEY=VALUE}. */
    public static SpecOverride parse(String argument) {
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("--set " + argument + ": expected KEY=VALUE, e.g. --set train.epochs=30");
        }
        String key = argument.substring(0, eq).trim();
        for (String part : key.split("\\.", -1)) {
            if (!KEY.matcher(part).matches()) {
                throw new InvalidInputException("--set " + argument + ": '" + key + "' is not a key path (names of "
                        + "letters, digits and _ joined by dots, e.g. train.epochs or variants.0.options.hgm)");
            }
        }
        return new SpecOverride(key, argument.substring(eq + 1).trim());
    }

    /** The key's parts. */
    public List<String> path() {
        return List.of(key.split("\\."));
    }

    /** How the override reads in messages: {@code --set train.epochs=30}. */
    public String describe() {
        return "--set " + key + "=" + text;
    }

    /** The value as a YAML node (null node for an empty value). */
    public JsonNode value() {
        if (text.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        boolean structured = text.startsWith("[") || text.startsWith("{") || text.startsWith("\"")
                || text.startsWith("'");
        String yaml = !structured && text.contains(",") ? "[" + text + "]" : text;
        try {
            JsonNode node = SpecReader.YAML.readTree(yaml);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.nullNode() : node;
        } catch (IOException e) {
            throw new InvalidInputException(describe() + ": the value is not valid YAML ("
                    + SpecReader.firstLine(e.getMessage()) + ")");
        }
    }

    /** Sets the value in a spec tree, creating the sections on the way. */
    public void applyTo(ObjectNode root) {
        List<String> parts = path();
        JsonNode node = root;
        List<String> walked = new ArrayList<>();
        for (int i = 0; i < parts.size() - 1; i++) {
            String part = parts.get(i);
            walked.add(part);
            JsonNode next = child(node, part, String.join(".", walked.subList(0, walked.size() - 1)));
            if (next == null || next.isNull()) {
                if (!(node instanceof ObjectNode object)) {
                    throw new InvalidInputException(describe() + ": '" + String.join(".", walked)
                            + "' does not exist");
                }
                next = object.putObject(part);
            }
            if (!next.isContainerNode()) {
                throw new InvalidInputException(describe() + ": '" + String.join(".", walked) + "' is a single value ("
                        + next + "), not a section with keys");
            }
            node = next;
        }
        String last = parts.get(parts.size() - 1);
        if (node instanceof ObjectNode object) {
            object.set(last, value());
        } else {
            ArrayNode array = (ArrayNode) node;
            array.set(index(array, last, String.join(".", parts.subList(0, parts.size() - 1))), value());
        }
    }

    private JsonNode child(JsonNode node, String part, String container) {
        if (node instanceof ArrayNode array) {
            return array.get(index(array, part, container));
        }
        return node.get(part);
    }

    private int index(ArrayNode array, String part, String container) {
        if (!part.chars().allMatch(Character::isDigit) || part.length() > 6 || Integer.parseInt(part) >= array.size()) {
            throw new InvalidInputException(describe() + ": '" + container + "' is a list of " + array.size()
                    + " entries; address one by its number" + (array.isEmpty() ? "" : " 0.." + (array.size() - 1)));
        }
        return Integer.parseInt(part);
    }
}
