package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.MissingProtocol;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.Json;

/** The global missing protocol reaches a run: its share of missing cells, and config files keep it. */
class MissingProtocolRunTest {
    @TempDir
    Path dir;

    @Test
    void globalProtocolHidesTheGivenShareOfCellsAndIsRecorded() throws Exception {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(400).classes(2).write(dir));
        MissingSpec spec = new MissingSpec(0.3, 5, null, false, MissingProtocol.GLOBAL);
        MultimodalDataset masked = TrainingRun.withMissing(ds, spec);
        int observed = 0;
        for (int m = 0; m < 2; m++) {
            for (int i = 0; i < 400; i++) {
                observed += masked.isPresent(m, i) ? 1 : 0;
            }
        }
        assertThat(observed / 800.0).isCloseTo(0.7, within(0.005));
        RunConfig config = RunConfig.defaults("d", "mla", 5).withMissing(spec);
        RunConfig back = RunConfig.fromJson(Json.MAPPER.readTree(Json.write(config.json())), "config.json");
        assertThat(back.missing()).isEqualTo(spec);
        RunConfig independent = RunConfig.defaults("d", "mla", 5).withMissing(MissingSpec.everywhere(0.3, 5));
        assertThat(Json.write(independent.json())).as("older run folders read the same").doesNotContain("protocol");
    }
}
