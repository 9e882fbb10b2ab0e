package org.mla4j.data.raw.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.raw.text.SentenceEncoder;
import org.mla4j.data.raw.text.WordPieceTokenizer;
import org.mla4j.io.InvalidInputException;

/** The tiny ONNX and TorchScript encoders equal the same networks by hand; bad files and shapes are refused. */
class PretrainedEncoderTest {
    private static final List<Integer> IMAGE = List.of(1, 8, 8);

    @TempDir
    Path dir;

    private static List<float[]> rows(int n) {
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            float[] x = new float[64];
            for (int j = 0; j < 64; j++) {
                x[j] = (float) Math.sin(0.37 * j + 1.3 * r);
            }
            rows.add(x);
        }
        return rows;
    }

    private void assertMatchesHand(Path model, int n) {
        List<float[]> rows = rows(n);
        try (PretrainedEncoder enc = PretrainedEncoder.open(model, "test", IMAGE, "modality 'image'", 1)) {
            assertThat(enc.dim()).isEqualTo(3);
            assertThat(enc.outputShape()).containsExactly(3L);
            float[] out = enc.encode(rows);
            assertThat(out).hasSize(3 * n);
            for (int r = 0; r < n; r++) {
                float[] expected = TinyModels.image(rows.get(r));
                for (int k = 0; k < 3; k++) {
                    assertThat(out[r * 3 + k]).isCloseTo(expected[k], within(1e-5f));
                }
            }
            assertThat(enc.encode(rows)).containsExactly(out);
        }
    }

    @Test
    void onnxEncoderEqualsTheNetworkByHand() {
        assertMatchesHand(TinyModels.copy(TinyModels.IMAGE_ONNX, dir.resolve("m.onnx")), 70);
    }

    @Test
    void torchScriptEncoderEqualsTheNetworkByHand() {
        assertMatchesHand(TinyModels.copy(TinyModels.IMAGE_PT, dir.resolve("m.pt")), 70);
    }

    @Test
    void aFixedBatchSizeIsHonouredWithPadding() {
        Path model = TinyModels.copy(TinyModels.IMAGE_BATCH4_ONNX, dir.resolve("b4.onnx"));
        try (PretrainedEncoder enc = PretrainedEncoder.open(model, "test", IMAGE, "modality 'image'", 1)) {
            assertThat(enc.batchSize()).isEqualTo(4);
        }
        assertMatchesHand(model, 7);
    }

    @Test
    void aDeclaredInputOfAnotherShapeIsRefusedWithBothShapes() {
        Path model = TinyModels.copy(TinyModels.IMAGE_ONNX, dir.resolve("m.onnx"));
        assertThatThrownBy(() -> PretrainedEncoder.open(model, "test", List.of(3, 8, 8), "modality 'image'", 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(model + ": the model expects input 'x' (float32 [batch, 1, 8, 8]) but modality"
                        + " 'image' gives float32 [batch, 3, 8, 8]");
    }

    @Test
    void aTorchScriptModelThatCannotTakeTheShapeIsRefusedNamingIt() {
        Path model = TinyModels.copy(TinyModels.IMAGE_PT, dir.resolve("m.pt"));
        assertThatThrownBy(() -> PretrainedEncoder.open(model, "test", List.of(1, 4, 4), "modality 'image'", 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(model + ": cannot run on inputs [float32 [1, 1, 4, 4]] (PyTorch: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anOutputWithoutTheBatchFirstIsRefused() {
        Path model = TinyModels.copy(TinyModels.FLAT_OUTPUT_ONNX, dir.resolve("flat.onnx"));
        assertThatThrownBy(() -> PretrainedEncoder.open(model, "test", IMAGE, "modality 'image'", 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(model + ": output 0 has shape [64] for inputs [1, 1, 8, 8]; expected the batch first, [1, …]");
    }

    @Test
    void truncatedOrForeignFilesAreRefusedCleanly() throws IOException {
        for (String name : List.of(TinyModels.IMAGE_ONNX, TinyModels.IMAGE_PT)) {
            Path good = TinyModels.copy(name, dir.resolve("good-" + name));
            byte[] bytes = Files.readAllBytes(good);
            Path cut = Files.write(dir.resolve("cut-" + name), Arrays.copyOf(bytes, bytes.length / 2));
            String format = name.endsWith(".onnx") ? "ONNX" : "TorchScript";
            assertThatThrownBy(() -> FrozenModel.open(cut, "test", 1)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(cut + ": is not a readable " + format + " model (").hasMessageNotContaining("\n");
            Path text = Files.writeString(dir.resolve("text-" + name), "not a model");
            assertThatThrownBy(() -> FrozenModel.open(text, "test", 1)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(text + ": is not a readable " + format + " model (");
        }
        Path other = Files.writeString(dir.resolve("model.bin"), "x");
        assertThatThrownBy(() -> FrozenModel.open(other, "manifest.json key modalities[0].pretrained", 1))
                .isInstanceOf(InvalidInputException.class).hasMessage(other + ": a pretrained model must be an ONNX file"
                        + " (.onnx) or a TorchScript file (.pt) (manifest.json key modalities[0].pretrained)");
        Path missing = dir.resolve("missing.onnx");
        assertThatThrownBy(() -> FrozenModel.open(missing, "k", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": pretrained model file not found (k)");
    }

    @Test
    void textModelsGetTokenIdsAndTheirTokenOutputsAreMeanPooled() {
        List<String> texts = List.of("seven", "The digit seven, spoken slowly.", "");
        try (WordPieceTokenizer tok = WordPieceTokenizer.bundled(SentenceEncoder.MAX_TOKENS)) {
            for (String name : List.of(TinyModels.TEXT_ONNX, TinyModels.TEXT_PT)) {
                Path model = TinyModels.copy(name, dir.resolve(name));
                try (SentenceEncoder enc = SentenceEncoder.withModel(model, "test", SentenceEncoder.MAX_TOKENS, 1)) {
                    assertThat(enc.dim()).isEqualTo(2);
                    float[] out = enc.encode(texts);
                    for (int i = 0; i < texts.size(); i++) {
                        float[] expected = TinyModels.text(tok.ids(texts.get(i)));
                        assertThat(out[2 * i]).as(name + " text " + i).isCloseTo(expected[0], within(1e-5f));
                        assertThat(out[2 * i + 1]).as(name + " text " + i).isCloseTo(expected[1], within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void anImageModelIsNoTextModel() {
        Path model = TinyModels.copy(TinyModels.IMAGE_ONNX, dir.resolve("m.onnx"));
        assertThatThrownBy(() -> SentenceEncoder.withModel(model, "test", SentenceEncoder.MAX_TOKENS, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(model + ": the model expects input 'x' (float32 [batch, 1, 8, 8]) but a text"
                        + " modality gives int64 [batch, tokens] tensors");
    }
}
