package org.mla4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A file that does not parse is one sentence naming the file, the place and the reason, without Jackson's internals. */
class JsonErrorsTest {
    private static String message(String text) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> Json.MAPPER.readTree(text));
        return Json.invalid(Path.of("run", "model.json"), e).getMessage();
    }

    @Test
    void aTruncatedFileSaysWhereItEnds() {
        assertThat(message("{\n  \"a\": [1, 2,"))
                .isEqualTo(Path.of("run", "model.json") + ": is not valid JSON: it ends at line 2, column 14 before the "
                        + "document is closed (truncated?)");
    }

    @Test
    void aBadTokenSaysWhereAndWhatWithoutTheParsersSourcePointer() {
        String m = message("{\"a\": tru}");
        assertThat(m).startsWith(Path.of("run", "model.json") + ": is not valid JSON at line 1, column ")
                .contains("Unrecognized token 'tru'").doesNotContain("Source:").doesNotContain("REDACTED");
    }
}
