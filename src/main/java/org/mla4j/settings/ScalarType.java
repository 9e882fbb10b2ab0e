package org.mla4j.settings;

import com.fasterxml.jackson.databind.JsonNode;

/** A value type whose text and file forms read the same way: one scalar, no list or mapping. */
abstract class ScalarType<T> implements ValueType<T> {
    @Override
    public T read(JsonNode node) throws BadValue {
        if (node == null || node.isNull() || node.isContainerNode()) {
            throw new BadValue("must be " + expected() + ", got " + ValueTypes.describe(node));
        }
        return readScalar(node);
    }

    T readScalar(JsonNode node) throws BadValue {
        return parse(node.asText());
    }

    abstract String expected();

    @Override
    public Object toJson(T value) {
        return value;
    }

    @Override
    public String format(T value) {
        if (value instanceof Double d) {
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
