package org.mla4j.settings;

import java.util.List;
import java.util.Locale;

/** Value types written as words: on/off, a choice, a name, an epoch window. */
public final class WordTypes {
    private WordTypes() {
    }

    /** on/off (also true/false, yes/no; YAML booleans). */
    public static ValueType<Boolean> onOff() {
        return new ScalarType<>() {
            @Override
            public Boolean parse(String text) throws BadValue {
                return switch (text.trim().toLowerCase(Locale.ROOT)) {
                    case "on", "true", "yes" -> true;
                    case "off", "false", "no" -> false;
                    default -> throw new BadValue("must be on or off, got '" + text + "'");
                };
            }

            @Override
            String expected() {
                return "on or off";
            }

            @Override
            public Object toJson(Boolean value) {
                return value ? "on" : "off";
            }

            @Override
            public String format(Boolean value) {
                return value ? "on" : "off";
            }
        };
    }

    /** One of an enum's constants, written in lower case ({@code dynamic}, {@code mean}). */
    public static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
        List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(WordTypes::name).toList();
        return new ScalarType<>() {
            @Override
            public E parse(String text) throws BadValue {
                for (E e : type.getEnumConstants()) {
                    if (name(e).equalsIgnoreCase(text.trim())) {
                        return e;
                    }
                }
                throw new BadValue("must be one of " + String.join(", ", names) + ", got '" + text + "'");
            }

            @Override
            String expected() {
                return "one of " + String.join(", ", names);
            }

            @Override
            public Object toJson(E value) {
                return name(value);
            }

            @Override
            public String format(E value) {
                return name(value);
            }
        };
    }

    /** An enum constant's name as users write it: lower case, {@code _} as {@code -}. */
    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One of a fixed set of words. */
    public static ValueType<String> word(List<String> valid) {
        return new ScalarType<>() {
            @Override
            public String parse(String text) throws BadValue {
                String t = text.trim();
                if (!valid.contains(t)) {
                    throw new BadValue("must be one of " + String.join(", ", valid) + ", got '" + text + "'");
                }
                return t;
            }

            @Override
            String expected() {
                return "one of " + String.join(", ", valid);
            }
        };
    }

    /** A name (e.g. a modality's), non-empty; whether it exists is checked against the data. */
    public static ValueType<String> name() {
        return new ScalarType<>() {
            @Override
            public String parse(String text) throws BadValue {
                if (text.isBlank()) {
                    throw new BadValue("must be a name, got nothing");
                }
                return text.trim();
            }

            @Override
            String expected() {
                return "a name";
            }
        };
    }

    /** {@code FIRST:LAST} epoch numbers (from 1), 1 <= FIRST <= LAST or LAST = -1 (to the end). */
    public static ValueType<EpochWindow> epochWindow() {
        return new ScalarType<>() {
            @Override
            public EpochWindow parse(String text) throws BadValue {
                String[] parts = text.split(":");
                try {
                    if (parts.length == 2) {
                        int first = Integer.parseInt(parts[0].trim());
                        int last = Integer.parseInt(parts[1].trim());
                        if (first >= 1 && (last == -1 || last >= first)) {
                            return new EpochWindow(first, last);
                        }
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new BadValue("must be FIRST:LAST, epochs counted from 1, with 1 <= FIRST <= LAST or LAST = -1 (to"
                        + " the end), got '" + text + "'");
            }

            @Override
            String expected() {
                return "FIRST:LAST";
            }

            @Override
            public Object toJson(EpochWindow value) {
                return value.toString();
            }
        };
    }

}
