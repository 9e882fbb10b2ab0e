package org.mla4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Predictions;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.run.Inference;
import org.mla4j.run.ModelFile;
import org.mla4j.run.ModelInputs;
import org.mla4j.run.Provenance;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.train.EpochListener;

/**
 * The README's "use it from Java" example, compiled and run. The code between the markers below is
 * the README's Java block without its import lines; {@link #readmeShowsThisCode} fails when they
 * drift apart.
 */
class ReadmeExampleTest {
    private static final String BEGIN = "// README example begins";
    private static final String END = "// README example ends";

    static void example() throws IOException {
        // README example begins
        MultimodalDataset data = DatasetLoader.load(Path.of("data/av_mnist_fsdd"));
        RunConfig config = RunConfig.defaults(data.directory().toString(), "mla", 0).withEpochs(5);
        RunOutcome outcome = TrainingRun.execute(config, data, EpochListener.NONE);
        System.out.printf("test: fused %.3f, per modality %s%n",
                outcome.test().fusedAccuracy(), outcome.test().modalityAccuracy());

        Path dir = Files.createTempDirectory("mla4j-example").resolve("run");
        RunDirectory.write(dir, outcome, Provenance.collect(List.of("ReadmeExample")), false);
        ModelFile.Loaded model = ModelFile.load(dir);
        int[] rows = data.testIndices();
        Predictions p = Inference.predict(model, ModelInputs.align(model, data), rows);
        int predicted = Predictions.argmax(p.fusedLogits(), 0, p.numClasses());
        System.out.printf("sample %d: class %s, fusion weights %.2f / %.2f%n", rows[0],
                model.classNames().get(predicted), p.fusionWeights()[0][0], p.fusionWeights()[1][0]);
        // README example ends
    }

    @Test
    void exampleRuns() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).containsPattern("test: fused 0\\.\\d{3}, per modality \\{image_mnist_784=")
                .containsPattern("sample \\d+: class \\d, fusion weights \\d\\.\\d\\d / \\d\\.\\d\\d");
        double fused = Double.parseDouble(out.replaceAll("(?s).*test: fused (0\\.\\d+).*", "$1"));
        assertThat(fused).isGreaterThan(0.8); // five epochs are plenty on these digits
    }

    @Test
    void readmeShowsThisCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```java\n");
        assertThat(start).as("README.md has a ```java block").isNotNegative();
        String block = readme.substring(start + 8, readme.indexOf("```", start + 8));
        List<String> imports = block.lines().filter(l -> l.startsWith("import ")).toList();
        String readmeCode = block.lines().filter(l -> !l.startsWith("import ")).dropWhile(String::isBlank)
                .map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n").strip();

        String source = Files.readString(Path.of("src/test/java/org/mla4j/ReadmeExampleTest.java"));
        int method = source.indexOf("static void example()");
        String region = source.substring(source.indexOf(BEGIN, method) + BEGIN.length(), source.indexOf(END, method));
        String testCode = region.lines().map(l -> l.startsWith("        ") ? l.substring(8) : l.strip())
                .map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n").strip();
        assertThat(readmeCode).isEqualTo(testCode);
        assertThat(imports).isNotEmpty();
        for (String line : imports) {
            assertThat(source).as("the test imports what the README imports").contains(line);
        }
    }
}
