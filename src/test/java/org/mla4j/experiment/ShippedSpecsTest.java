package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec shipped under {@code experiments/} resolves (known keys, valid values, known methods)
 * and names a dataset folder that exists: the READMEs tell users to run them as they are.
 */
class ShippedSpecsTest {
    static List<Path> specs() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("experiments"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void resolvesAndFindsItsData(Path spec) {
        Experiment e = Experiment.of(SpecReader.read(spec, List.of()));
        assertThat(e.methods()).isNotEmpty();
        assertThat(Files.isRegularFile(e.data().resolve("manifest.json"))).as(spec + " → " + e.data()).isTrue();
    }

    static List<Path> tableOneSpecs() throws IOException {
        return specs().stream().filter(p -> p.getFileName().toString().equals("table1.yaml")).toList();
    }

    /** "all" also means the Table 2 baselines: Table 1 lists the paper's eight by name. */
    @ParameterizedTest
    @MethodSource("tableOneSpecs")
    void tableOneSpecsAreThePapersEightMethods(Path spec) {
        assertThat(Experiment.of(SpecReader.read(spec, List.of())).methods())
                .containsExactly("mla", "sum", "concat", "late", "film", "bigated", "ogm-ge", "qmf");
    }
}
