package org.mla4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;

/**
 * The values a simulated mask hides stay available as reconstruction targets, in the fit split only
 * and only where the files held them: a modality absent in the files has none.
 */
class HiddenValuesTest {
    @TempDir
    Path dir;

    @Test
    void hiddenValuesAreTheStandardisedOriginalsOfMaskedCellsOnly() {
        MultimodalDataset files = DatasetLoader.load(TestDatasets.builder().samples(6).classes(2).modality("a", 3)
                .modality("b", 2).absent(4, "b").write(dir.resolve("d")));
        boolean[][] mask = {files.present(0).clone(), files.present(1).clone()};
        mask[0][1] = false; // simulated: row 1 loses a
        mask[1][2] = false; // simulated: row 2 loses b
        MultimodalDataset masked = files.withPresence(mask);
        int[] rows = {0, 1, 2, 3, 4, 5};
        Standardizer st = Standardizer.fit(files, rows);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit plain = TensorSplit.build("v", masked, st, rows, manager);
             TensorSplit fit = TensorSplit.buildWithHidden("fit", masked, st, rows, manager);
             NDManager bm = manager.newSubManager()) {
            Batch b = fit.slice(bm, 0, 6);
            assertThat(b.isHidden(0, 1)).isTrue();
            assertThat(b.isHidden(1, 2)).isTrue();
            assertThat(b.isHidden(1, 4)).as("absent in the files: no value to hide").isFalse();
            assertThat(b.isHidden(0, 0)).isFalse();
            float[] expectedA = st.apply(0, files.features(0), new int[] {1});
            float[] hiddenA = b.hidden(0).toFloatArray();
            assertThat(java.util.Arrays.copyOfRange(hiddenA, 3, 6)).containsExactly(expectedA);
            assertThat(java.util.Arrays.copyOfRange(hiddenA, 0, 3)).containsOnly(0f);
            assertThat(java.util.Arrays.copyOfRange(b.features(0).toFloatArray(), 3, 6)).as("the input stays zero")
                    .containsOnly(0f);
            Batch shuffled = fit.reordered(new int[] {2, 1, 0, 3, 4, 5}, bm).slice(bm, 0, 6);
            assertThat(shuffled.isHidden(1, 0)).as("flags follow the order").isTrue();
            assertThat(plain.slice(bm, 0, 6).hidden(0)).as("only a split built with hidden values has them").isNull();
        }
    }
}
