package org.mla4j.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.DoublePredicate;

/** Number types, and the wording of values in messages. */
public final class ValueTypes {
    private ValueTypes() {
    }

    /** A whole number at least {@code min}. */
    public static ValueType<Integer> integer(int min) {
        return integer(min, "");
    }

    /** An epoch number: an integer from 1, as the console counts epochs. */
    public static ValueType<Integer> epochNumber() {
        return integer(1, " (epochs are counted from 1)");
    }

    private static ValueType<Integer> integer(int min, String note) {
        return new ScalarType<>() {
            @Override
            public Integer parse(String text) throws BadValue {
                int v;
                try {
                    v = Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new BadValue("must be an integer, got '" + text + "'");
                }
                if (v < min) {
                    throw new BadValue("must be at least " + min + note + ", got " + v);
                }
                return v;
            }

            @Override
            Integer readScalar(JsonNode node) throws BadValue {
                if (!node.isIntegralNumber()) {
                    throw new BadValue("must be an integer, got " + describe(node));
                }
                return parse(node.asText());
            }

            @Override
            String expected() {
                return "an integer";
            }
        };
    }

    /** A whole number (seed) in 0..Long.MAX_VALUE. */
    public static ValueType<Long> seed() {
        return new ScalarType<>() {
            @Override
            public Long parse(String text) throws BadValue {
                try {
                    long v = Long.parseLong(text.trim());
                    if (v < 0) {
                        throw new BadValue("must be >= 0, got " + v);
                    }
                    return v;
                } catch (NumberFormatException e) {
                    throw new BadValue("must be an integer, got '" + text + "'");
                }
            }

            @Override
            Long readScalar(JsonNode node) throws BadValue {
                if (!node.isIntegralNumber()) {
                    throw new BadValue("must be an integer, got " + describe(node));
                }
                return parse(node.asText());
            }

            @Override
            String expected() {
                return "an integer";
            }
        };
    }

    /** A finite number accepted by {@code check}; {@code rule} completes "must be ...". */
    public static ValueType<Double> number(DoublePredicate check, String rule) {
        return new ScalarType<>() {
            @Override
            public Double parse(String text) throws BadValue {
                double v;
                try {
                    v = Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    throw new BadValue("must be a number, got '" + text + "'");
                }
                if (Double.isNaN(v) || Double.isInfinite(v) || !check.test(v)) {
                    throw new BadValue("must be " + rule + ", got " + text.trim());
                }
                return v;
            }

            @Override
            Double readScalar(JsonNode node) throws BadValue {
                if (!node.isNumber()) {
                    throw new BadValue("must be a number, got " + describe(node));
                }
                return parse(node.asText());
            }

            @Override
            String expected() {
                return "a number";
            }
        };
    }

    public static ValueType<Double> positive() {
        return number(v -> v > 0, "a positive number");
    }

    public static ValueType<Double> nonNegative() {
        return number(v -> v >= 0, ">= 0");
    }

    /** A node in words, for messages: {@code 'thirty'}, {@code 3.5}, {@code a list}, {@code a mapping}. */
    public static String describe(JsonNode node) {
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
}
