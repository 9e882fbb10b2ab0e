package org.mla4j.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The project's one JSON mapper: pretty output; maps keep their insertion order. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Jackson's pointer to its input, "[Source: REDACTED (…); line: 16, column: 15]", which names no file. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?\\s*start marker at \\[Source:[^\\]]*\\]\\)?"
            + "|\\s*(at )?\\[Source:[^\\]]*\\]");

    /**
     * One sentence for a file that does not parse: where, and why in plain words, e.g. {@code
     * model.json: is not valid JSON: it ends at line 16, column 15 before the document is closed (truncated?)}.
     */
    public static InvalidInputException invalid(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = e.getOriginalMessage() == null ? "" : SOURCE.matcher(e.getOriginalMessage()).replaceAll("")
                .replaceAll("\\s+", " ").trim();
        if (reason.startsWith("Unexpected end-of-input")) {
            return InvalidInputException.inFile(file, "is not valid JSON: it ends" + where + " before the document is "
                    + "closed (truncated?)");
        }
        return InvalidInputException.inFile(file, "is not valid JSON" + where + " (" + reason + ")");
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
