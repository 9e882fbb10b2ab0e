package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.experiment.RunSummary;
import org.mla4j.io.Json;
import org.mla4j.method.baseline.OgmOptions;
import org.mla4j.method.baseline.QmfOptions;
import org.mla4j.method.baseline.QmfVariant;
import org.mla4j.settings.EpochWindow;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TrainSettings;

/**
 * Epochs are numbered from 1 in every setting and file; files written when some counted from 0 read
 * back meaning the same epochs.
 */
class EpochNumberingTest {
    @TempDir
    Path dir;

    @Test
    void defaultDecayIsAfterSeventyPercentAsBefore() {
        RunConfig c = RunConfig.defaults("d", "mla", 0);
        assertThat(c.settings().get(TrainSettings.LR_DECAY_EPOCHS)).containsExactly(43);
        LearningRateSchedule schedule = TrainSettings.config(c.settings(), 0).schedule();
        assertThat(schedule.at(41)).isEqualTo(0.01f); // the loop's epoch 41 is epoch 42
        assertThat(schedule.at(42)).isEqualTo((float) (0.01 * 0.1)); // epoch 43: decayed
        RunConfig five = c.with(TrainSettings.EPOCHS, 5);
        assertThat(five.settings().get(TrainSettings.LR_DECAY_EPOCHS)).containsExactly(5);
    }

    @Test
    void ogmWindowCountsFromOne() {
        OgmOptions o = new OgmOptions(0.5, new EpochWindow(2, 4), null);
        assertThat(o.modulation().activeIn(0)).isFalse(); // epoch 1
        assertThat(o.modulation().activeIn(1)).isTrue();  // epoch 2
        assertThat(o.modulation().activeIn(3)).isTrue();  // epoch 4
        assertThat(o.modulation().activeIn(4)).isFalse(); // epoch 5
        assertThat(new OgmOptions(0.5, new EpochWindow(1, -1), null).modulation().activeIn(0)).isTrue();
    }

    @Test
    void settingsWithoutTheMarkerAreReadAsZeroBased() throws Exception {
        JsonNode old = Json.MAPPER.readTree("""
                {"data": "d", "method": "qmf", "seed": 0,
                 "train": {"epochs": 60, "lr_decay_epochs": [42, 50]},
                 "options": {"qmf_temperature": 10.0}}""");
        RunConfig read = RunConfig.fromJson(old, "config.json");
        assertThat(read.settings().get(TrainSettings.LR_DECAY_EPOCHS)).containsExactly(43, 51);
        assertThat(read.options().get(QmfOptions.VARIANT)).isEqualTo(QmfVariant.SIMPLIFIED);
        JsonNode ogm = Json.MAPPER.readTree("""
                {"data": "d", "method": "ogm-ge", "seed": 0, "options": {"ogm_epochs": "0:9"}}""");
        assertThat(RunConfig.fromJson(ogm, "config.json").options().get(OgmOptions.EPOCHS))
                .isEqualTo(new EpochWindow(1, 10));

        // today's files carry the marker and are read as written
        RunConfig now = RunConfig.defaults("d", "qmf", 0).with(TrainSettings.LR_DECAY_EPOCHS, List.of(7));
        JsonNode written = Json.MAPPER.readTree(Json.write(now.json()));
        assertThat(written.get(ZeroBasedSettings.MARKER).asInt()).isEqualTo(1);
        RunConfig back = RunConfig.fromJson(written, "config.json");
        assertThat(back.settings().get(TrainSettings.LR_DECAY_EPOCHS)).containsExactly(7);
        assertThat(back.options().get(QmfOptions.VARIANT)).isEqualTo(QmfVariant.PAPER);
    }

    @Test
    void oldMetricsAndHistoryReadAsTheSameEpochs() throws Exception {
        Path metrics = dir.resolve("metrics.json");
        String body = "\"method\": \"mla\", \"seed\": 0, \"test\": {\"fused_accuracy\": 0.5, \"modality_accuracy\": {}}";
        Files.writeString(metrics, "{" + body + ", \"selected_epoch\": 4}");
        assertThat(RunSummary.read(metrics).selectedEpoch()).isEqualTo(5);
        Files.writeString(metrics, "{" + body + ", \"selected_epoch_number\": 5}");
        assertThat(RunSummary.read(metrics).selectedEpoch()).isEqualTo(5);

        Files.writeString(dir.resolve("history.csv"), "epoch,val_fused_accuracy\n0,0.5\n1,0.6\n");
        assertThat(RunHistory.read(dir).column("epoch")).containsExactly(1, 2);
        Files.writeString(dir.resolve("history.csv"), "epoch,val_fused_accuracy\n1,0.5\n2,0.6\n");
        assertThat(RunHistory.read(dir).column("epoch")).containsExactly(1, 2);
    }
}
