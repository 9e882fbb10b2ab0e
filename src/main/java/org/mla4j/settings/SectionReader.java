package org.mla4j.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mla4j.io.ClosestName;
import org.mla4j.io.InvalidInputException;

/**
 * Reads one section of a spec or config file ({@code train: {...}}) into setting values: every key
 * must be one of the section's settings (an unknown one is refused with the closest valid key and
 * the list), and every value is checked by its setting.
 */
public final class SectionReader {
    private SectionReader() {
    }

    /**
     * @param section     the section's node (null or missing: nothing given)
     * @param name        the section's path for messages, e.g. {@code options} or {@code variants[0].options}
     * @param definitions the settings the section may hold
     * @param source      where a key's value came from, for messages: key path → "file: " or "--set k=v: "
     */
    public static SettingValues read(JsonNode section, String name, List<? extends Setting<?>> definitions,
                                     Function<String, String> source) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return SettingValues.NONE;
        }
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        definitions.forEach(d -> byKey.putIfAbsent(d.key(), d));
        if (!section.isObject()) {
            throw new InvalidInputException(source.apply(name) + name + " must be a mapping of keys, got "
                    + ValueTypes.describe(section) + " (keys: " + String.join(", ", byKey.keySet()) + ")");
        }
        SettingValues values = SettingValues.NONE;
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = name + "." + e.getKey();
            Setting<?> s = byKey.get(e.getKey());
            if (s == null) {
                throw new InvalidInputException(source.apply(key) + "unknown key '" + key + "'"
                        + ClosestName.suggestion(e.getKey(), byKey.keySet()) + "; valid keys in "
                        + name.replaceAll("\\[\\d+]", "[]") + ": " + String.join(", ", byKey.keySet()));
            }
            if (!e.getValue().isNull()) {
                values = put(values, s, e.getValue(), source.apply(key) + key);
            }
        }
        return values;
    }

    private static <T> SettingValues put(SettingValues values, Setting<T> s, JsonNode node, String where) {
        return values.with(s, s.read(node, where));
    }
}
