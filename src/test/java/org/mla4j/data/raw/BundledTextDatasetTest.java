package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** data/mnist_text resolves as documented: 500 samples, 50 per digit, 400/100 split, an inline text column (nothing extracted). */
class BundledTextDatasetTest {
    @Test
    void mnistTextIsAnImagePlusInlineTextDataset() throws IOException {
        Path mf = Path.of("data/mnist_text/manifest.json");
        RawTable t = RawTable.resolve(RawManifest.parse(Files.readAllBytes(mf), mf));
        assertThat(t.size()).isEqualTo(500);
        assertThat(t.classNames()).hasSize(10);
        assertThat(t.train()).hasSize(400);
        assertThat(t.test()).hasSize(100);
        int[] perClass = new int[10];
        Arrays.stream(t.labels()).forEach(c -> perClass[c]++);
        assertThat(perClass).containsOnly(50);
        assertThat(t.manifest().modalities().get(1).recipe()).isInstanceOf(TextRecipe.class);
        assertThat(t.manifest().modalities().get(1).recipe().dim()).isEqualTo(384);
        assertThat(t.inline().get(1)).hasSize(500).allSatisfy(c -> assertThat(c).isNotBlank());
        assertThat(t.files().get(0)).allSatisfy(f -> assertThat(f).singleElement().satisfies(p -> assertThat(p).isRegularFile()));
        assertThat(Path.of("data/mnist_text/ATTRIBUTION.md")).isRegularFile();
        assertThat(Path.of("data/mnist_text/make_dataset.py")).isRegularFile();
    }
}
