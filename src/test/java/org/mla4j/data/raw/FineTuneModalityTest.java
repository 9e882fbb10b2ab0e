package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.PretrainedModule;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.data.raw.pretrained.TinyModels;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.ModelFile;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.train.EpochListener;
import org.mla4j.train.TrainSettings;

/** {@code "fine_tune": true}: the modality keeps the module's input as features and names the module. */
class FineTuneModalityTest {
    private static final String IMAGE_PARAMS = "\"params\": {\"height\": 8, \"width\": 8}}";

    @TempDir
    Path dir;

    /** TinyRawDataset whose image entry gets {@code extra} (JSON members). */
    private Path imageWith(String extra) throws IOException {
        TinyRawDataset.write(dir);
        Files.writeString(dir.resolve("manifest.json"), TinyRawDataset.manifest().replace(IMAGE_PARAMS,
                "\"params\": {\"height\": 8, \"width\": 8}, " + extra + "}"));
        return dir;
    }

    @Test
    void theFeaturesAreTheModulesInputAndTheModalityNamesTheModule() throws IOException {
        MultimodalDataset plain = DatasetLoader.load(TinyRawDataset.write(dir.resolve("plain")));
        imageWith("\"pretrained\": \"models/m.pt\", \"fine_tune\": true");
        Path file = TinyModels.copy(TinyModels.TOP_HALF_PT, dir.resolve("models/m.pt"));
        PretrainedModule module = new PretrainedModule(file.toAbsolutePath().normalize().toString(),
                PretrainedModule.sha256(Files.readAllBytes(file)));
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.modality(0)).isEqualTo(new Modality("image", 64, List.of(1, 8, 8), module));
        assertThat(ds.features(0)).containsExactly(plain.features(0));
        assertThat(ds.modality(1).pretrained()).isNull();
        assertThat(DatasetLoader.load(dir).modality(0)).as("read back from the feature cache").isEqualTo(ds.modality(0));
        FeatureRecipe r = RawManifest.parse(Files.readAllBytes(dir.resolve("manifest.json")), dir.resolve("manifest.json"))
                .modalities().get(0).recipe();
        assertThat(r.describe()).containsEntry("fine_tune", true).containsKey("pretrained");
    }

    @Test
    void aRunRecordsTheModuleInConfigAndModelFiles() throws IOException {
        imageWith("\"pretrained\": \"models/m.pt\", \"fine_tune\": true");
        TinyModels.copy(TinyModels.TOP_HALF_PT, dir.resolve("models/m.pt"));
        MultimodalDataset ds = DatasetLoader.load(dir);
        RunConfig config = RunConfig.defaults(dir.toString(), "mla", 0).with(TrainSettings.EPOCHS, 1)
                .with(TrainSettings.BATCH_SIZE, 4);
        RunOutcome out = TrainingRun.execute(config, ds, EpochListener.NONE);
        Path run = dir.resolve("run");
        RunDirectory.write(run, out, Map.of(), false);
        JsonNode modalities = Json.MAPPER.readTree(run.resolve(RunDirectory.CONFIG).toFile()).path("dataset").path("modalities");
        PretrainedModule module = ds.modality(0).pretrained();
        assertThat(modalities.get(0).path("pretrained").path("file").asText()).isEqualTo(module.file());
        assertThat(modalities.get(0).path("pretrained").path("sha256").asText()).isEqualTo(module.sha256());
        assertThat(modalities.get(1).has("pretrained")).as("a modality without a module").isFalse();
        JsonNode model = Json.MAPPER.readTree(run.resolve(ModelFile.DESCRIPTION).toFile());
        assertThat(model.path("modalities").get(0).path("pretrained").path("sha256").asText()).isEqualTo(module.sha256());
        assertThat(model.path("encoder").path("per_modality").path("image").asText()).isEqualTo("pretrained");
    }

    @Test
    void fineTuningNeedsATorchScriptModelOfANonTextModality() throws IOException {
        Path mf = dir.resolve("manifest.json");
        imageWith("\"fine_tune\": true");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(mf + ": key \"modalities[0].fine_tune\" needs a TorchScript model (\"pretrained\": \"x.pt\")"
                        + " in the same modality entry");
        imageWith("\"pretrained\": \"models/m.onnx\", \"fine_tune\": true");
        TinyModels.copy(TinyModels.IMAGE_ONNX, dir.resolve("models/m.onnx"));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(mf + ": key \"modalities[0].fine_tune\" needs a TorchScript model (.pt); ONNX models run"
                        + " frozen, so export the network with torch.jit.trace to fine-tune it");
        imageWith("\"pretrained\": \"models/m.pt\", \"fine_tune\": \"yes\"");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(mf + ": key \"modalities[0].fine_tune\" must be true or false but is \"yes\"");
        TinyTextDataset.write(dir, "{\"name\": \"caption2\", \"column\": \"caption\", \"kind\": \"text\", \"source\": \"inline\","
                + " \"pretrained\": \"models/t.pt\", \"fine_tune\": true}");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(mf + ": key \"modalities[3].fine_tune\" applies to image, audio, video and features"
                        + " modalities; a text modality's encoder runs frozen");
    }

    @Test
    void aModuleThatCannotTakeTheTensorIsRefusedWhenTheFeaturesAreMade() throws IOException {
        imageWith("\"pretrained\": \"models/m.pt\", \"fine_tune\": true");
        Files.writeString(dir.resolve("manifest.json"), Files.readString(dir.resolve("manifest.json"))
                .replace("\"height\": 8, \"width\": 8", "\"height\": 4, \"width\": 4"));
        TinyModels.copy(TinyModels.TOP_HALF_PT, dir.resolve("models/m.pt"));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("models/m.pt") + ": cannot run on inputs [float32 [1, 1, 4, 4]]");
    }
}
