package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.data.raw.audio.LogMelExtractor;
import org.mla4j.data.raw.image.ImageLoader;
import org.mla4j.io.InvalidInputException;

/** Raw datasets load through {@link DatasetLoader}: features, absent cells, bad files, unsafe paths, the cache. */
class RawDatasetLoaderTest {
    @TempDir
    Path dir;

    private float[] row(MultimodalDataset ds, int m, int i) {
        int dim = ds.modality(m).dim();
        return Arrays.copyOfRange(ds.features(m), i * dim, (i + 1) * dim);
    }

    private AudioRecipe audioRecipe() {
        return (AudioRecipe) RawManifest.parse(TinyRawDataset.manifest().getBytes(), dir.resolve("manifest.json"))
                .modalities().get(1).recipe();
    }

    @Test
    void loadsFeaturesLabelsSplitAndShapes() {
        TinyRawDataset.write(dir);
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.name()).isEqualTo("tiny");
        assertThat(ds.directory()).isEqualTo(dir.toAbsolutePath());
        assertThat(ds.modalities()).containsExactly(new Modality("image", 64, List.of(1, 8, 8)),
                new Modality("audio", 32, List.of(1, 8, 4)));
        assertThat(ds.classNames()).containsExactly("c0", "c1", "c2");
        assertThat(ds.labels()).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2);
        assertThat(ds.testIndices()).containsExactly(3, 7, 11);
        assertThat(ds.trainIndices()).hasSize(9);
        assertThat(ds.checksum()).hasSize(64);
        for (int i = 0; i < TinyRawDataset.SAMPLES; i++) {
            assertThat(ds.isPresent(0, i) && ds.isPresent(1, i)).isTrue();
            assertThat(row(ds, 0, i)).containsExactly(ImageLoader.load(dir.resolve("image/s" + i + ".png"),
                    ((ImageRecipe) RawManifest.parse(TinyRawDataset.manifest().getBytes(), dir.resolve("manifest.json"))
                            .modalities().get(0).recipe()).params()));
            assertThat(row(ds, 1, i)).containsExactly(new LogMelExtractor(audioRecipe().params())
                    .extract(dir.resolve("audio/s" + i + ".wav")));
        }
    }

    @Test
    void theIndexCsvCanStandForItsFolder() {
        TinyRawDataset.write(dir);
        assertThat(DatasetLoader.load(dir.resolve("index.csv")).numSamples()).isEqualTo(TinyRawDataset.SAMPLES);
    }

    @Test
    void anIndexWithoutManifestIsExplained() throws IOException {
        TinyRawDataset.write(dir);
        Files.delete(dir.resolve("manifest.json"));
        assertThatThrownBy(() -> DatasetLoader.load(dir.resolve("index.csv"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("index.csv").hasMessageContaining("no manifest.json beside it");
    }

    @Test
    void anEmptyCellMakesTheModalityAbsent() {
        TinyRawDataset.write(dir);
        TinyRawDataset.editIndexLine(dir, 3, "s2,c2,train,,image/s2.png");
        TinyRawDataset.editIndexLine(dir, 5, "s4,c1,train,audio/s4.wav,");
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.isPresent(1, 2)).isFalse();
        assertThat(ds.isPresent(0, 2)).isTrue();
        assertThat(ds.isPresent(0, 4)).isFalse();
        assertThat(row(ds, 1, 2)).containsOnly(0f);
    }

    @Test
    void aRowWithNoModalityIsRejected() {
        TinyRawDataset.write(dir);
        TinyRawDataset.editIndexLine(dir, 2, "s1,c1,train,,");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("index.csv: line 3 has no modality");
    }

    @Test
    void malformedMediaFilesAreRejectedNamingTheFileAndTheLine() throws IOException {
        TinyRawDataset.write(dir);
        Path wav = dir.resolve("audio/s5.wav");
        Files.write(wav, Arrays.copyOf(Files.readAllBytes(wav), 30));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(wav.toString()).hasMessageContaining("index.csv line 7, column 'audio'");

        TinyRawDataset.write(dir);
        Path png = dir.resolve("image/s6.png");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(png.toString()).hasMessageContaining("line 8, column 'image'");

        TinyRawDataset.write(dir);
        Files.write(png, new byte[0]);
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(png.toString()).hasMessageContaining("empty file");

        TinyRawDataset.write(dir);
        Files.write(wav, new byte[0]);
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(wav.toString());

        TinyRawDataset.write(dir);
        Files.delete(png);
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(png.toString()).hasMessageContaining("file not found");
    }

    @Test
    void pathsThatLeaveTheDatasetFolderAreRejected() throws IOException {
        Path data = TinyRawDataset.write(dir.resolve("data"));
        Files.write(dir.resolve("outside.png"), TinyRawDataset.png(10, 10, 0, 0));
        for (String cell : List.of("../outside.png", "image/../../outside.png", dir.resolve("outside.png").toAbsolutePath().toString())) {
            TinyRawDataset.editIndexLine(data, 1, "s0,c0,train,audio/s0.wav," + cell);
            assertThatThrownBy(() -> DatasetLoader.load(data)).as(cell).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("index.csv").hasMessageContaining("line 2, column 'image'")
                    .hasMessageContaining("path leaves the dataset folder");
        }
        Files.createSymbolicLink(data.resolve("image/link.png"), dir.resolve("outside.png").toAbsolutePath());
        TinyRawDataset.editIndexLine(data, 1, "s0,c0,train,audio/s0.wav,image/link.png");
        assertThatThrownBy(() -> DatasetLoader.load(data)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void labelsAndSplitsAreChecked() {
        TinyRawDataset.write(dir);
        TinyRawDataset.editIndexLine(dir, 4, "s3,c9,test,audio/s3.wav,image/s3.png");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("index.csv: line 5, column 'label': label \"c9\" is not a class name");
        TinyRawDataset.write(dir);
        TinyRawDataset.editIndexLine(dir, 4, "s3,c0,val,audio/s3.wav,image/s3.png");
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 5, column 'split': split is \"val\" but must be train or test");
    }

    @Test
    void withoutASplitColumnATestSplitIsCarved() throws IOException {
        TinyRawDataset.write(dir);
        Path csv = dir.resolve("index.csv");
        Files.writeString(csv, Files.readString(csv).replace(",train,", ",").replace(",test,", ",")
                .replace("id,label,split,", "id,label,"));
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.testIndices().length + ds.trainIndices().length).isEqualTo(TinyRawDataset.SAMPLES);
        assertThat(ds.testIndices()).hasSizeBetween(2, 3);
    }

    @Test
    void manifestMistakesNameTheKey() throws IOException {
        TinyRawDataset.write(dir);
        Path mf = dir.resolve("manifest.json");
        Files.writeString(mf, TinyRawDataset.manifest().replace("\"mel_bands\"", "\"mel_band\""));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key \"modalities[1].params.mel_band\"");
        Files.writeString(mf, TinyRawDataset.manifest().replace("\"av_mnist_fsdd\"", "\"mp3\""));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("modalities[1].preset");
        Files.writeString(mf, TinyRawDataset.manifest().replace("\"kind\": \"image\", ", ""));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("missing required key \"modalities[0].kind\"");
        Files.writeString(mf, TinyRawDataset.manifest().replace("\"frames\": 4", "\"frames\": 0"));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("modalities[1].params.frames");
        Files.writeString(mf, TinyRawDataset.manifest().replace("\"column\": \"audio\"", "\"column\": \"sound\""));
        assertThatThrownBy(() -> DatasetLoader.load(dir)).hasMessageContaining("index.csv: header lacks the column 'sound'");
    }

    @Test
    void extractedFeaturesLoadAsTheSameDataset() {
        TinyRawDataset.write(dir.resolve("raw"));
        TinyRawDataset.editIndexLine(dir.resolve("raw"), 3, "s2,c2,train,,image/s2.png");
        RawManifest mf = RawManifest.parse(TinyRawDataset.manifest().getBytes(), dir.resolve("raw/manifest.json"));
        ExtractedDataset x = RawExtractor.extract(mf, TinyRawDataset.manifest().getBytes(), RawTable.resolve(mf), 2,
                FeatureExtraction.Progress.NONE);
        Path out = dir.resolve("npy");
        x.writeAtomically(out, false);
        assertThat(out.resolve("presence.npy")).exists();
        MultimodalDataset a = DatasetLoader.load(dir.resolve("raw"));
        MultimodalDataset b = DatasetLoader.load(out);
        assertThat(b.modalities()).isEqualTo(a.modalities());
        for (int m = 0; m < a.numModalities(); m++) {
            assertThat(b.features(m)).containsExactly(a.features(m));
            assertThat(b.present(m)).containsExactly(a.present(m));
        }
        assertThat(b.labels()).containsExactly(a.labels());
        assertThat(b.trainIndices()).containsExactly(a.trainIndices());
        assertThat(b.testIndices()).containsExactly(a.testIndices());
        assertThat(b.classNames()).isEqualTo(a.classNames());
        assertThatThrownBy(() -> x.writeAtomically(out, false)).hasMessageContaining(out.toString());
    }

    @Test
    void theFeatureThreadCountDoesNotChangeTheResult() {
        TinyRawDataset.write(dir);
        RawManifest mf = RawManifest.parse(TinyRawDataset.manifest().getBytes(), dir.resolve("manifest.json"));
        RawTable table = RawTable.resolve(mf);
        FeatureExtraction.Result one = FeatureExtraction.run(table, new byte[0], 1, FeatureExtraction.Progress.NONE);
        FeatureExtraction.Result four = FeatureExtraction.run(table, new byte[0], 4, FeatureExtraction.Progress.NONE);
        assertThat(four.features()[1]).containsExactly(one.features()[1]);
        assertThat(four.contentChecksum()).isEqualTo(one.contentChecksum());
    }

    private List<Path> cacheEntries() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(FeatureCache.DIR_NAME))) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void theCacheIsReusedWhileNothingChangesAndRebuiltOtherwise() throws IOException {
        TinyRawDataset.write(dir);
        MultimodalDataset first = DatasetLoader.load(dir);
        List<Path> entries = cacheEntries();
        assertThat(entries).hasSize(1);
        Path cachedManifest = entries.get(0).resolve("manifest.json");
        FileTime written = Files.getLastModifiedTime(cachedManifest);
        Files.setLastModifiedTime(cachedManifest, FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime marked = Files.getLastModifiedTime(cachedManifest);

        MultimodalDataset again = DatasetLoader.load(dir);
        assertThat(cacheEntries()).isEqualTo(entries);
        assertThat(Files.getLastModifiedTime(cachedManifest)).as("reused, not rewritten").isEqualTo(marked);
        assertThat(again.checksum()).isEqualTo(first.checksum());
        assertThat(again.name()).isEqualTo("tiny");
        assertThat(again.directory()).isEqualTo(first.directory());
        assertThat(again.modalities()).isEqualTo(first.modalities());
        assertThat(again.features(1)).containsExactly(first.features(1));

        // a changed recording: new key, new entry, the stale one removed, other features
        Files.write(dir.resolve("audio/s0.wav"), TinyRawDataset.wav(TinyRawDataset.tone(2000, 1234, 0.5), 8000));
        MultimodalDataset changed = DatasetLoader.load(dir);
        assertThat(cacheEntries()).hasSize(1).doesNotContainAnyElementsOf(entries);
        assertThat(changed.checksum()).isNotEqualTo(first.checksum());
        assertThat(Arrays.copyOf(changed.features(1), 32)).isNotEqualTo(Arrays.copyOf(first.features(1), 32));

        // a changed preprocessing parameter: new key as well
        List<Path> before = cacheEntries();
        Files.writeString(dir.resolve("manifest.json"), TinyRawDataset.manifest().replace("\"frames\": 4", "\"frames\": 5"));
        assertThat(DatasetLoader.load(dir).modality(1).shape()).containsExactly(1, 8, 5);
        assertThat(cacheEntries()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aDamagedCacheIsRebuilt() throws IOException {
        TinyRawDataset.write(dir);
        MultimodalDataset first = DatasetLoader.load(dir);
        Path entry = cacheEntries().get(0);
        Files.write(entry.resolve("audio.npy"), new byte[] {1, 2, 3});
        MultimodalDataset again = DatasetLoader.load(dir);
        assertThat(again.features(1)).containsExactly(first.features(1));
        assertThat(DatasetLoader.load(entry).numSamples()).isEqualTo(TinyRawDataset.SAMPLES);
    }
}
