package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingSplits;

/**
 * The two-stage baselines: MMIN's imagination target is the frozen teacher's output on the reverse
 * input, the teacher does not move once the student trains, TATE's tokens carry the tag the presence
 * mask says, and a fit split without enough complete samples is refused in one sentence.
 */
class TwoStageTest {
    @TempDir
    static Path dir;
    static MultimodalDataset files;
    static MultimodalDataset masked;

    @BeforeAll
    static void data() {
        files = DatasetLoader.load(TestDatasets.builder().samples(60).classes(3).modality("a", 5).modality("b", 4)
                .modality("c", 3).write(dir.resolve("d")));
        boolean[][] present = new boolean[3][60];
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < 60; i++) {
                present[m][i] = i % 4 != m; // a simulated mask: a quarter of the samples keep everything
            }
        }
        masked = files.withPresence(present);
    }

    private static ModelSpec spec() {
        return new ModelSpec(files.modalities(), 3, new EncoderSpec("mlp", 2, 6));
    }

    @Test
    void imaginationTargetIsTheFrozenTeacherOnTheReverseInput() {
        int[] rows = masked.trainIndices();
        Engine.getEngine("PyTorch").setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.buildWithHidden("fit", masked, Standardizer.fit(masked, rows), rows, manager);
             Mmin mmin = new Mmin(spec(), new MminOptions(1, 4, 2), manager)) {
            Batch batch = fit.slice(manager, 0, fit.size());
            MissingViews views = MissingViews.of(batch, new SplittableRandom(1));
            float[] target = mmin.imaginationTarget(views, manager).toFloatArray();
            // eval mode: no dropout, so the same input gives the same target
            assertThat(mmin.imaginationTarget(views, manager).toFloatArray()).containsExactly(target);
            Forward eval = Forward.inference(manager);
            int w = 6;
            for (int i = 0; i < batch.size(); i++) {
                for (int m = 0; m < 3; m++) {
                    // a present slot's target is Enc^T(0); a hidden one's is Enc^T(its hidden value)
                    NDArray row = batch.isPresent(m, i) ? batch.features(m).get(new NDIndex("{}:{}", i, i + 1)).zerosLike()
                            : batch.hidden(m).get(new NDIndex("{}:{}", i, i + 1));
                    assertThat(batch.isPresent(m, i) || batch.isHidden(m, i)).isTrue();
                    float[] expected = eval.through(mmin.teacherEncoder(m), row).toFloatArray();
                    float[] slot = Arrays.copyOfRange(target, (i * 3 + m) * w, (i * 3 + m + 1) * w);
                    for (int k = 0; k < w; k++) {
                        assertThat(slot[k]).as("sample %d modality %d", i, m).isCloseTo(expected[k], within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void theTeacherDoesNotMoveWhileTheStudentTrains() {
        int[] rows = masked.trainIndices();
        Engine.getEngine("PyTorch").setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.buildWithHidden("fit", masked, Standardizer.fit(masked, rows), rows, manager);
             Mmin mmin = new Mmin(spec(), new MminOptions(1, 4, 2), manager)) {
            List<Map<String, float[]>> teacherAfter = new ArrayList<>();
            List<Map<String, float[]>> studentAfter = new ArrayList<>();
            EpochListener watch = new EpochListener() {
                @Override
                public void onEpoch(EpochRecord record, boolean improved) {
                    teacherAfter.add(ParameterSnapshot.of(mmin.teacherGroups()).values());
                    studentAfter.add(ParameterSnapshot.of(mmin.groups().subList(mmin.teacherGroups().size(),
                            mmin.groups().size())).values());
                }
            };
            OptimizerSpec adam = new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0, 0, 0.5f, 0.999f, 1e-8f, 5f);
            TrainConfig config = new TrainConfig(3, 16, LearningRateSchedule.step(1e-3, 1, new int[0]), adam, 0);
            new Trainer(config, watch).fit(mmin, TrainingSplits.withoutTest(fit, fit, masked.modalityNames()), manager);
            assertThat(teacherAfter.get(1)).as("teacher after the first student epoch")
                    .allSatisfy((k, v) -> assertThat(v).containsExactly(teacherAfter.get(0).get(k)));
            assertThat(teacherAfter.get(2)).allSatisfy((k, v) -> assertThat(v).containsExactly(teacherAfter.get(0).get(k)));
            // ... while the student does move
            assertThat(studentAfter.get(2).get("classifier.01Linear_weight"))
                    .isNotEqualTo(studentAfter.get(1).get("classifier.01Linear_weight"));
        }
    }

    @Test
    void tateTokensCarryTheTagOfThePresenceMask() {
        int[] rows = masked.testIndices();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("t", masked, Standardizer.fit(masked, rows), rows, manager);
             Tate tate = new Tate(spec(), new TateOptions(1, 0.1, 0.1, 0.1), manager)) {
            Batch batch = split.slice(manager, 0, rows.length);
            NDArray tokens = tate.tokensFor(batch);
            long d = tokens.getShape().get(2);
            assertThat(d % TateNet.HEADS).isZero();
            float[] tags = tokens.get(new NDIndex(":, :, {}:", d - 4)).toFloatArray();
            boolean[][] present = {batch.present(0), batch.present(1), batch.present(2)};
            float[] expected = MissingTag.of(present);
            for (int i = 0; i < batch.size(); i++) {
                for (int t = 0; t < 3; t++) { // every token of the sample
                    assertThat(Arrays.copyOfRange(tags, (i * 3 + t) * 4, (i * 3 + t + 1) * 4))
                            .containsExactly(Arrays.copyOfRange(expected, i * 4, i * 4 + 4));
                }
            }
        }
    }

    @Test
    void tooFewCompleteSamplesForATeacherIsOneClearError() {
        boolean[][] none = new boolean[3][60];
        for (int i = 0; i < 60; i++) {
            none[i % 3][i] = true; // every sample has exactly one modality, in the files
        }
        MultimodalDataset unimodal = DatasetLoader.load(TestDatasets.builder().samples(60).classes(3)
                .modality("a", 5).modality("b", 4).modality("c", 3).write(dir.resolve("u"))).withPresence(none);
        int[] rows = unimodal.trainIndices();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", unimodal, Standardizer.fit(unimodal, rows), rows, manager)) {
            for (String method : List.of("mmin", "if-mmin", "tate")) {
                var m = org.mla4j.method.Methods.create(method, spec(), org.mla4j.settings.SettingValues.NONE, manager);
                assertThatThrownBy(() -> m.prepare(fit, manager)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(method).hasMessageContaining("needs at least 6")
                        .hasMessageContaining("has 0");
                m.close();
            }
        }
    }
}
