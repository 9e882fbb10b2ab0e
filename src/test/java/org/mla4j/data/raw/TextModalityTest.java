package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.data.raw.text.SentenceEncoder;
import org.mla4j.io.InvalidInputException;

/** Text modalities in raw datasets: inline and file cells, the bundled encoder's vectors, bad input, the cache key. */
class TextModalityTest {
    @TempDir
    Path dir;

    private static void assertRowsEqual(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
        }
    }

    private static RawTable table(Path dir) throws IOException {
        Path mf = dir.resolve("manifest.json");
        return RawTable.resolve(RawManifest.parse(Files.readAllBytes(mf), mf));
    }

    private static String key(Path dir) throws IOException {
        return FeatureCache.key(Files.readAllBytes(dir.resolve("manifest.json")), table(dir));
    }

    @Test
    void inlineAndFileTextBecomeSentenceVectors() {
        TinyTextDataset.write(dir);
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.modalities()).containsExactly(new Modality("image", 64, List.of(1, 8, 8)),
                new Modality("caption", 384, List.of(384)), new Modality("note", 384, List.of(384)));
        try (SentenceEncoder enc = SentenceEncoder.bundled(SentenceEncoder.MAX_TOKENS, 1)) {
            assertRowsEqual(ds.features(1), enc.encode(TinyTextDataset.captions()));
            assertRowsEqual(ds.features(2), enc.encode(TinyTextDataset.notes()));
        }
        assertThat(DatasetLoader.load(dir).features(1)).as("from the cache").containsExactly(ds.features(1));
    }

    @Test
    void extractionDoesNotDependOnTheThreadCount() throws IOException {
        TinyTextDataset.write(dir);
        byte[] bytes = Files.readAllBytes(dir.resolve("manifest.json"));
        RawTable t = table(dir);
        FeatureExtraction.Result one = FeatureExtraction.run(t, bytes, 1, FeatureExtraction.Progress.NONE);
        FeatureExtraction.Result two = FeatureExtraction.run(t, bytes, 2, FeatureExtraction.Progress.NONE);
        assertThat(two.features()[0]).containsExactly(one.features()[0]);
        assertRowsEqual(two.features()[1], one.features()[1]);
        assertThat(two.contentChecksum()).isEqualTo(one.contentChecksum());
    }

    @Test
    void anEmptyCellMakesTheTextAbsent() {
        TinyTextDataset.write(dir);
        TinyRawDataset.editIndexLine(dir, 2, "s1,c1,train,audio/s1.wav,image/s1.png,,text/s1.txt");
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.isPresent(1, 1)).isFalse();
        assertThat(ds.isPresent(2, 1)).isTrue();
        assertThat(ds.isPresent(1, 2)).isTrue();
    }

    @Test
    void textFilesMustStayInsideTheFolderAndBeUtf8() throws IOException {
        TinyTextDataset.write(dir);
        TinyRawDataset.editIndexLine(dir, 4, "s3,c0,test,audio/s3.wav,image/s3.png,fine,../outside.txt");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("index.csv").hasMessageContaining("line 5, column 'note'")
                .hasMessageContaining("path leaves the dataset folder");

        TinyTextDataset.write(dir);
        Files.write(dir.resolve("text/s5.txt"), new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("text/s5.txt") + ": is not valid UTF-8 text")
                .hasMessageEndingWith("(index.csv line 7, column 'note')");

        TinyTextDataset.write(dir);
        Files.delete(dir.resolve("text/s2.txt"));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("text/s2.txt").hasMessageContaining("file not found");
    }

    @Test
    void inlineTextIsNeverReadAsAPath() {
        TinyTextDataset.write(dir);
        TinyRawDataset.editIndexLine(dir, 4, "s3,c0,test,audio/s3.wav,image/s3.png,../../etc/passwd,text/s3.txt");
        assertThat(DatasetLoader.load(dir).isPresent(1, 3)).isTrue();
    }

    @Test
    void manifestMistakesNameTheKey() throws IOException {
        TinyTextDataset.write(dir);
        Path mf = dir.resolve("manifest.json");
        String good = TinyTextDataset.manifest("");
        Files.writeString(mf, good.replace(", \"source\": \"inline\"", ""));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(mf + ": missing required key \"modalities[1].source\": \"inline\" (the index column holds the"
                        + " text) or \"file\" (it holds paths of UTF-8 text files)");
        Files.writeString(mf, good.replace("\"source\": \"inline\"", "\"source\": \"cell\""));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("\"modalities[1].source\" must be one of inline, file");
        Files.writeString(mf, good.replace("\"preset\": \"mnist\",", "\"preset\": \"mnist\", \"source\": \"file\","));
        assertThatThrownBy(() -> DatasetLoader.load(dir))
                .hasMessage(mf + ": key \"modalities[0].source\" applies to text modalities only (\"kind\": \"text\")");
        Files.writeString(mf, good.replace("\"source\": \"file\"", "\"source\": \"file\", \"params\": {\"max_tokens\": 600}"));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("\"modalities[2].params.max_tokens\" must be"
                + " at most 512");
        Files.writeString(mf, good.replace("\"source\": \"file\"", "\"source\": \"file\", \"params\": {\"max_token\": 60}"));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("unknown key \"modalities[2].params.max_token\"");
    }

    @Test
    void theCacheKeySeesEveryTextChange() throws IOException {
        TinyTextDataset.write(dir);
        String k0 = key(dir);
        assertThat(key(dir)).isEqualTo(k0);

        Path note = dir.resolve("text/s4.txt");
        FileTime time = Files.getLastModifiedTime(note);
        String text = Files.readString(note);
        Files.writeString(note, text.replace("Note", "NOTE"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(note, time);
        assertThat(Files.size(note)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        String k1 = key(dir);
        assertThat(k1).as("same size, same time, other bytes").isNotEqualTo(k0);

        TinyRawDataset.editIndexLine(dir, 1, "s0,c0,train,audio/s0.wav,image/s0.png,another caption,text/s0.txt");
        assertThat(key(dir)).isNotEqualTo(k1);
    }
}
