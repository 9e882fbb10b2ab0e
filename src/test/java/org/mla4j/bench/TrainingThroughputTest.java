package org.mla4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.InvalidInputException;
import org.mla4j.settings.SettingValues;

/**
 * {@code mla bench}'s training measurement: Table 1 methods in the shared loop (SGD, batch 64), a method
 * with a recipe of its own with that recipe, its teacher stage cut to the warm-up epochs, so that the
 * timed epochs are the student's.
 */
class TrainingThroughputTest {
    @TempDir
    static Path dir;
    static MultimodalDataset data;

    @BeforeAll
    static void data() {
        data = DatasetLoader.load(TestDatasets.builder().samples(300).classes(3).modality("a", 12).modality("b", 8)
                .write(dir.resolve("d")));
    }

    @Test
    void aTable2MethodTrainsWithItsRecipeAndATeacherStageIsCutToTheWarmUp() {
        assertThat(TrainingThroughput.hasOwnRecipe("mmin")).isTrue();
        TrainingThroughput.Result r = TrainingThroughput.measureWithRecipe("mmin", "mmin", data, 3, 1, 0);
        assertThat(r.recipe()).isEqualTo(TrainingThroughput.OWN_RECIPE);
        assertThat(r.batchSize()).isEqualTo(256); // GCNet's, not the shared loop's 64
        assertThat(r.settings()).containsEntry("options.mmin_teacher_epochs", 1).containsEntry("train.epochs", 3)
                .containsEntry("train.batch_size", 256);
        assertThat(r.label()).isEqualTo("mmin (own recipe, student)");
        assertThat(r.epochSeconds()).hasSize(3);
        assertThat(r.samplesPerSecond()).isPositive();
    }

    @Test
    void aTable1MethodTrainsInTheSharedLoop() {
        assertThat(TrainingThroughput.hasOwnRecipe("concat")).isFalse();
        assertThat(TrainingThroughput.hasOwnRecipe("mla")).isFalse();
        TrainingThroughput.Result r = TrainingThroughput.measure("concat", "concat", "concat", SettingValues.NONE, data,
                2, 1, 0);
        assertThat(r.recipe()).isEqualTo(TrainingThroughput.SHARED_LOOP);
        assertThat(r.batchSize()).isEqualTo(64);
        assertThat(r.settings()).containsEntry("train.optimizer", "sgd");
    }

    @Test
    void aTeacherStageNeedsAWarmUpEpoch() {
        assertThatThrownBy(() -> TrainingThroughput.measureWithRecipe("tate", "tate", data, 3, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessage("tate trains a teacher first: --warmup must be at "
                        + "least 1, so that the teacher's epochs are left out");
    }
}
