package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;

/**
 * The engine's native memory is released: training twice in one JVM, as a library, leaves exactly
 * as many live arrays and managers as before, and the number of live arrays does not grow from
 * epoch to epoch (a leak per step would show here long before it exhausts memory).
 */
class NativeMemoryTest {
    @TempDir
    Path dir;

    /** Every base manager hangs below the engine's system manager, which counts them and their arrays. */
    private static BaseNDManager systemManager() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return (BaseNDManager) probe.getParentManager();
        }
    }

    /** Live resources (base managers) directly under the system manager; DJL keeps the map protected. */
    private static int liveManagers(BaseNDManager system) throws ReflectiveOperationException {
        var field = BaseNDManager.class.getDeclaredField("resources");
        field.setAccessible(true);
        return ((Map<?, ?>) field.get(system)).size();
    }

    private static RunConfig config(Path data, SettingValues options) {
        return TestConfigs.run(data.toString(), "mla", 1, 3, 16, 0.05, new int[] {2}, 0.2,
                new EncoderSpec("mlp", 2, 8), options, MissingSpec.NONE);
    }

    @Test
    void trainingTwiceReturnsToTheBaseline() throws Exception {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(120).classes(3).write(dir));
        RunConfig config = config(dir, SettingValues.NONE);
        BaseNDManager system = systemManager();
        int arraysBefore = system.getManagedArrays().size();
        int managersBefore = liveManagers(system);
        List<Integer> perEpoch = new ArrayList<>();
        EpochListener counting = new EpochListener() {
            @Override
            public void onEpoch(EpochRecord record, boolean improved) {
                perEpoch.add(system.getManagedArrays().size());
            }
        };

        TrainingRun.execute(config, ds, counting);
        assertThat(system.getManagedArrays()).hasSize(arraysBefore);
        assertThat(liveManagers(system)).isEqualTo(managersBefore);

        TrainingRun.execute(config(dir, SettingValues.NONE.with(MlaOptions.HGM, false)), ds, counting);
        assertThat(system.getManagedArrays()).hasSize(arraysBefore);
        assertThat(liveManagers(system)).isEqualTo(managersBefore);

        assertThat(perEpoch.subList(0, 3)).as("arrays alive at the end of each epoch, HGM on").containsOnly(perEpoch.get(0));
        assertThat(perEpoch.subList(3, 6)).as("arrays alive at the end of each epoch, HGM off").containsOnly(perEpoch.get(3));
    }
}
