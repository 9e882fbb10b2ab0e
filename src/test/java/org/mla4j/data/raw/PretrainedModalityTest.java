package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.data.raw.image.ImageLoader;
import org.mla4j.data.raw.pretrained.TinyModels;
import org.mla4j.data.raw.text.SentenceEncoder;
import org.mla4j.data.raw.text.WordPieceTokenizer;
import org.mla4j.io.InvalidInputException;

/** "pretrained" model files in raw manifests, end to end: features, the cache key, paths and shapes refused. */
class PretrainedModalityTest {
    @TempDir
    Path dir;

    /** TinyRawDataset whose image modality runs through {@code model} (a manifest path). */
    private Path imageThrough(String model) throws IOException {
        TinyRawDataset.write(dir);
        Files.writeString(dir.resolve("manifest.json"), TinyRawDataset.manifest().replace("\"params\": {\"height\": 8, \"width\": 8}}",
                "\"params\": {\"height\": 8, \"width\": 8}, \"pretrained\": \"" + model + "\"}"));
        return dir;
    }

    private String key() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("manifest.json"));
        return FeatureCache.key(bytes, RawTable.resolve(RawManifest.parse(bytes, dir.resolve("manifest.json"))));
    }

    @Test
    void imagesThroughOnnxAndTorchScriptEncodersGiveTheNetworksOutput() throws IOException {
        for (String name : List.of(TinyModels.IMAGE_ONNX, TinyModels.IMAGE_PT)) {
            imageThrough("models/" + name);
            TinyModels.copy(name, dir.resolve("models/" + name));
            MultimodalDataset ds = DatasetLoader.load(dir);
            assertThat(ds.modality(0)).isEqualTo(new Modality("image", 3, List.of(3)));
            assertThat(ds.modality(1).dim()).isEqualTo(32);
            ImageRecipe plain = (ImageRecipe) RawManifest.parse(TinyRawDataset.manifest().getBytes(),
                    dir.resolve("manifest.json")).modalities().get(0).recipe();
            for (int i = 0; i < TinyRawDataset.SAMPLES; i++) {
                float[] expected = TinyModels.image(ImageLoader.load(dir.resolve("image/s" + i + ".png"), plain.params()));
                for (int k = 0; k < 3; k++) {
                    assertThat(ds.features(0)[i * 3 + k]).as(name + " sample " + i).isCloseTo(expected[k], within(1e-5f));
                }
            }
        }
    }

    @Test
    void audioGoesInAsItsLogMelSpectrogram() throws IOException {
        TinyRawDataset.write(dir);
        Files.writeString(dir.resolve("manifest.json"), TinyRawDataset.manifest().replace("\"frames\": 4, \"mel_bands\": 8}}",
                "\"frames\": 8, \"mel_bands\": 8}, \"pretrained\": \"models/a.onnx\"}"));
        TinyModels.copy(TinyModels.IMAGE_ONNX, dir.resolve("models/a.onnx"));
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.modality(1)).isEqualTo(new Modality("audio", 3, List.of(3)));
        PretrainedRecipe r = (PretrainedRecipe) RawManifest.parse(Files.readAllBytes(dir.resolve("manifest.json")),
                dir.resolve("manifest.json")).modalities().get(1).recipe();
        assertThat(r.base().shape()).containsExactly(1, 8, 8);
        for (int i = 0; i < TinyRawDataset.SAMPLES; i++) {
            byte[] wav = Files.readAllBytes(dir.resolve("audio/s" + i + ".wav"));
            float[] expected = TinyModels.image(r.base().extract(List.of(new FeatureRecipe.Input(dir.resolve("a.wav"), wav))));
            for (int k = 0; k < 3; k++) {
                assertThat(ds.features(1)[i * 3 + k]).isCloseTo(expected[k], within(1e-5f));
            }
        }
    }

    @Test
    void replacingTheModelFileChangesTheCacheKey() throws IOException {
        imageThrough("models/m.onnx");
        TinyModels.copy(TinyModels.IMAGE_ONNX, dir.resolve("models/m.onnx"));
        String k0 = key();
        assertThat(key()).isEqualTo(k0);
        TinyModels.copy(TinyModels.IMAGE_BATCH4_ONNX, dir.resolve("models/m.onnx"));
        assertThat(key()).isNotEqualTo(k0);
    }

    @Test
    void modelPathsMustStayInsideTheFolderAndNameAFormat() throws IOException {
        imageThrough("../elsewhere/m.onnx");
        Path mf = dir.resolve("manifest.json");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(mf + ": file \"../elsewhere/m.onnx\" (key modalities[0].pretrained): path leaves the dataset folder");
        imageThrough("models/m.h5");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("models/m.h5") + ": a pretrained model must be an ONNX file (.onnx) or a TorchScript"
                        + " file (.pt) (manifest.json key modalities[0].pretrained)");
        imageThrough("models/missing.pt");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("models/missing.pt") + ": pretrained model file not found (manifest.json key"
                        + " modalities[0].pretrained)");
    }

    @Test
    void aModelForAnotherShapeIsRefusedBeforeAnyFileIsDecoded() throws IOException {
        imageThrough("models/m.onnx");
        TinyModels.copy(TinyModels.IMAGE_ONNX, dir.resolve("models/m.onnx"));
        Files.writeString(dir.resolve("manifest.json"), Files.readString(dir.resolve("manifest.json"))
                .replace("\"height\": 8, \"width\": 8", "\"height\": 8, \"width\": 8, \"channels\": 3, \"mean\": null, \"std\": null"));
        Files.write(dir.resolve("image/s0.png"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("models/m.onnx") + ": the model expects input 'x' (float32 [batch, 1, 8, 8]) but"
                        + " modality 'image' (its image after the manifest's preprocessing, C × H × W) gives float32"
                        + " [batch, 3, 8, 8]; export the model for that shape or change the modality's preprocessing");
    }

    @Test
    void textThroughAUsersModelGetsTheBundledTokenizersIds() throws IOException {
        TinyTextDataset.write(dir, "{\"name\": \"caption2\", \"column\": \"caption\", \"kind\": \"text\", \"source\": \"inline\","
                + " \"pretrained\": \"models/t.pt\"}");
        TinyModels.copy(TinyModels.TEXT_PT, dir.resolve("models/t.pt"));
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.modality(3)).isEqualTo(new Modality("caption2", 2, List.of(2)));
        try (WordPieceTokenizer tok = WordPieceTokenizer.bundled(SentenceEncoder.MAX_TOKENS)) {
            for (int i = 0; i < TinyRawDataset.SAMPLES; i++) {
                float[] expected = TinyModels.text(tok.ids(TinyTextDataset.caption(i)));
                assertThat(ds.features(3)[2 * i]).isCloseTo(expected[0], within(1e-5f));
                assertThat(ds.features(3)[2 * i + 1]).isCloseTo(expected[1], within(1e-5f));
            }
        }
    }

    @Test
    void theModelsOutputSizeIsKnownWithoutExtracting() throws IOException {
        imageThrough("models/m.pt");
        TinyModels.copy(TinyModels.IMAGE_PT, dir.resolve("models/m.pt"));
        FeatureRecipe r = RawManifest.parse(Files.readAllBytes(dir.resolve("manifest.json")), dir.resolve("manifest.json"))
                .modalities().get(0).recipe();
        assertThat(r).isInstanceOf(PretrainedRecipe.class);
        assertThat(r.dim()).isEqualTo(3);
        assertThat(r.shape()).containsExactly(3);
        assertThat(r.describe()).containsKey("pretrained").containsEntry("height", 8);
    }
}
