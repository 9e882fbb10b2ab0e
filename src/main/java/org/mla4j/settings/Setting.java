package org.mla4j.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Function;
import org.mla4j.io.InvalidInputException;

/**
 * One setting, defined once: its spec key ({@code section.key}), its command-line option, its type
 * (parsing and checks), its default and its help text. The command line, experiment specs (with
 * {@code --set}), config files and the Java API all read a setting through this definition, so a
 * value is checked the same way wherever it comes from.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {
    private final Section section;
    private final String key;
    private final String option;
    private final String label;
    private final ValueType<T> type;
    private final Function<SettingValues, T> defaultValue;
    private final String defaultText;
    private final String help;

    private Setting(Section section, String key, String option, String label, ValueType<T> type,
                    Function<SettingValues, T> defaultValue, String defaultText, String help) {
        this.section = section;
        this.key = key;
        this.option = option;
        this.label = label;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.help = help;
    }

    /** A setting {@code section.key} with command-line option {@code --key} (underscores become dashes). */
    public static <T> Setting<T> of(Section section, String key, ValueType<T> type, T defaultValue, String help) {
        return new Setting<>(section, key, "--" + key.replace('_', '-'), null, type, v -> defaultValue, null, help);
    }

    /** The same setting under another command-line option. */
    public Setting<T> option(String name) {
        return new Setting<>(section, key, name, label, type, defaultValue, defaultText, help);
    }

    /** The same setting with the option's value shown as {@code label} in help texts. */
    public Setting<T> label(String name) {
        return new Setting<>(section, key, option, name, type, defaultValue, defaultText, help);
    }

    /** The same setting with another default (e.g. a method whose own default differs). */
    public Setting<T> withDefault(T value) {
        return new Setting<>(section, key, option, label, type, v -> value, null, help);
    }

    /** The same setting with a default computed from the other settings, described by {@code text}. */
    public Setting<T> defaultFrom(Function<SettingValues, T> value, String text) {
        return new Setting<>(section, key, option, label, type, value, text, help);
    }

    public Section section() {
        return section;
    }

    /** The key inside its section, e.g. {@code hgm_alpha}. */
    public String key() {
        return key;
    }

    /** The spec key, e.g. {@code options.hgm_alpha}. */
    public String path() {
        return section.key() + "." + key;
    }

    /** The command-line option, e.g. {@code --hgm-alpha}. */
    public String option() {
        return option;
    }

    /** The value's name in help texts (null: picocli's default). */
    public String label() {
        return label;
    }

    public ValueType<T> type() {
        return type;
    }

    public String help() {
        return help;
    }

    /** The default given the other settings' values (null: none). */
    public T defaultIn(SettingValues values) {
        return defaultValue.apply(values);
    }

    /** How the default reads in help texts. */
    public String defaultDescription() {
        if (defaultText != null) {
            return defaultText;
        }
        T d = defaultValue.apply(SettingValues.NONE);
        String text = d == null ? "" : type.format(d);
        return text.isEmpty() ? "none" : text;
    }

    /** Reads a command-line or {@code --set} value; {@code where} names its source in the message. */
    public T parse(String text, String where) {
        try {
            return Objects.requireNonNull(type.parse(text.trim()));
        } catch (ValueType.BadValue e) {
            throw new InvalidInputException(where + " " + e.getMessage());
        }
    }

    /** Reads a spec or config-file value; {@code where} names its source in the message. */
    public T read(JsonNode node, String where) {
        try {
            return Objects.requireNonNull(type.read(node));
        } catch (ValueType.BadValue e) {
            throw new InvalidInputException(where + " " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return path();
    }
}
