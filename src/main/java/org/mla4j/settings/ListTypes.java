package org.mla4j.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Value types that hold several values: lists, and maps from names to values. */
public final class ListTypes {
    private ListTypes() {
    }

    /** A list of values of {@code element} ({@code a,b,c} on the command line; a YAML list in files). */
    public static <T> ValueType<List<T>> listOf(ValueType<T> element) {
        return new ValueType<>() {
            @Override
            public List<T> parse(String text) throws BadValue {
                List<T> out = new ArrayList<>();
                String t = text.trim();
                if (t.startsWith("[") && t.endsWith("]")) {
                    t = t.substring(1, t.length() - 1);
                }
                String[] parts = t.split(",");
                for (String part : parts) {
                    if (!part.isBlank()) {
                        out.add(entry(part.trim(), parts.length > 1));
                    }
                }
                return List.copyOf(out);
            }

            /** One entry; the message says "entries must be ..." when there are several. */
            private T entry(String text, boolean several) throws BadValue {
                try {
                    return element.parse(text);
                } catch (BadValue e) {
                    throw several ? new BadValue("entries " + e.getMessage()) : e;
                }
            }

            private T entry(JsonNode node, boolean several) throws BadValue {
                try {
                    return element.read(node);
                } catch (BadValue e) {
                    throw several ? new BadValue("entries " + e.getMessage()) : e;
                }
            }

            @Override
            public List<T> read(JsonNode node) throws BadValue {
                if (node == null || node.isNull()) {
                    throw new BadValue("must be a list, got nothing");
                }
                if (!node.isArray()) {
                    return List.of(entry(node, false));
                }
                List<T> out = new ArrayList<>();
                for (JsonNode n : node) {
                    out.add(entry(n, true));
                }
                return List.copyOf(out);
            }

            @Override
            public Object toJson(List<T> value) {
                return value.stream().map(element::toJson).toList();
            }

            @Override
            public String format(List<T> value) {
                return value.stream().map(element::format).collect(Collectors.joining(","));
            }
        };
    }

    /** A map from names to one of {@code valid} ({@code NAME=V[,NAME=V]} on the command line). */
    public static ValueType<Map<String, String>> nameMap(Set<String> valid, Function<String, String> describeValid) {
        return new ValueType<>() {
            @Override
            public Map<String, String> parse(String text) throws BadValue {
                Map<String, String> out = new LinkedHashMap<>();
                for (String part : text.split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    int eq = part.indexOf('=');
                    if (eq <= 0) {
                        throw new BadValue("entries must be NAME=VALUE, got '" + part.trim() + "'");
                    }
                    put(out, part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
                return out;
            }

            @Override
            public Map<String, String> read(JsonNode node) throws BadValue {
                if (node == null || node.isNull()) {
                    return Map.of();
                }
                if (!node.isObject()) {
                    throw new BadValue("must be a mapping of names to values, got " + ValueTypes.describe(node));
                }
                Map<String, String> out = new LinkedHashMap<>();
                var it = node.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    put(out, e.getKey(), e.getValue().asText());
                }
                return out;
            }

            private void put(Map<String, String> out, String name, String value) throws BadValue {
                if (!valid.contains(value)) {
                    throw new BadValue(name + "=" + value + ": the value must be one of " + describeValid.apply(value));
                }
                out.put(name, value);
            }

            @Override
            public Object toJson(Map<String, String> value) {
                return new java.util.TreeMap<>(value);
            }

            @Override
            public String format(Map<String, String> value) {
                return value.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(","));
            }
        };
    }

}
