package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Loading a model or a checkpoint never executes code from it: the product reads only JSON (without
 * polymorphic typing) and NumPy arrays. This guards the sources against the usual ways that breaks.
 */
class NoCodeExecutionTest {
    private static final List<String> FORBIDDEN = List.of("ObjectInputStream", "readObject(", "enableDefaultTyping",
            "activateDefaultTyping", "@JsonTypeInfo", "XMLDecoder", "URLClassLoader", "ScriptEngine");

    @Test
    void noDeserialisationOfCodeInTheProduct() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (String word : FORBIDDEN) {
                    assertThat(text).as(f + " must not use " + word).doesNotContain(word);
                }
            }
        }
    }
}
