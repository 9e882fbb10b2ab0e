package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.load.DatasetLoader;
import org.slf4j.LoggerFactory;

/** What a successfully loaded dataset holds. */
class DatasetLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsEverythingTheManifestDescribes() {
        TestDatasets.Builder b = TestDatasets.builder();
        b.write(dir);
        MultimodalDataset ds = DatasetLoader.load(dir);

        assertThat(ds.name()).isEqualTo("synthetic");
        assertThat(ds.directory()).isEqualTo(dir);
        assertThat(ds.modalities()).containsExactly(new Modality("a", 3), new Modality("b", 2));
        assertThat(ds.classNames()).containsExactly("class0", "class1");
        assertThat(ds.numSamples()).isEqualTo(20);
        assertThat(ds.labels()).containsExactly(b.labels());
        assertThat(ds.trainIndices()).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18);
        assertThat(ds.testIndices()).containsExactly(4, 9, 14, 19);
        for (int m = 0; m < 2; m++) {
            int dim = ds.modality(m).dim();
            for (int i = 0; i < 20; i++) {
                assertThat(ds.isPresent(m, i)).isTrue();
                for (int j = 0; j < dim; j++) {
                    assertThat(ds.features(m)[i * dim + j]).isEqualTo(TestDatasets.value(m, i, j, ds.labels()[i]));
                }
            }
        }
    }

    @Test
    void acceptsTheManifestPathItself() {
        TestDatasets.write(dir);
        MultimodalDataset ds = DatasetLoader.load(dir.resolve("manifest.json"));
        assertThat(ds.numSamples()).isEqualTo(20);
        assertThat(ds.checksum()).isEqualTo(DatasetLoader.load(dir).checksum());
    }

    @Test
    void optionalKeysHaveDefaults() {
        TestDatasets.builder().editManifest(m -> {
            m.remove("class_names");
            m.remove("labels_file");
        }).write(dir);
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.classNames()).containsExactly("0", "1");
        assertThat(ds.labels()).hasSize(20);
    }

    @Test
    void ignoresUnknownKeysAndNullOptionalKeys() {
        TestDatasets.builder().editManifest(m -> {
            m.putObject("source").put("repo", "somewhere");
            m.putArray("class_counts").add(10).add(10);
            m.putNull("presence_file");
        }).editModality(0, o -> o.put("raw_min", 0.0)).write(dir);
        assertThat(DatasetLoader.load(dir).numModalities()).isEqualTo(2);
    }

    @Test
    void filesMayLiveInSubfolders() {
        TestDatasets.builder().omit("b.npy").file("views/b.npy", TestDatasets.floats(new float[40], 20, 2))
                .editModality(1, o -> o.put("file", "views/b.npy")).write(dir);
        assertThat(DatasetLoader.load(dir).features(1)).containsOnly(0f);
    }

    @Test
    void acceptsOtherNumericTypes() {
        // float64 features, int64 labels, uint16 indices, labels as a (N, 1) column
        java.nio.ByteBuffer f64 = java.nio.ByteBuffer.allocate(20 * 2 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 40; i++) {
            f64.putDouble(i * 0.5);
        }
        java.nio.ByteBuffer i64 = java.nio.ByteBuffer.allocate(20 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 20; i++) {
            i64.putLong(i % 2);
        }
        java.nio.ByteBuffer u16 = java.nio.ByteBuffer.allocate(4 * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i : new int[] {4, 9, 14, 19}) {
            u16.putShort((short) i);
        }
        TestDatasets.builder()
                .file("b.npy", TestDatasets.npy("<f8", new long[] {20, 2}, f64.array()))
                .file("labels.npy", TestDatasets.npy("<i8", new long[] {20, 1}, i64.array()))
                .file("test_indices.npy", TestDatasets.npy("<u2", new long[] {4}, u16.array()))
                .write(dir);
        MultimodalDataset ds = DatasetLoader.load(dir);
        assertThat(ds.features(1)[39]).isEqualTo(19.5f);
        assertThat(ds.labels()[3]).isEqualTo(1);
        assertThat(ds.testIndices()).containsExactly(4, 9, 14, 19);
    }

    @Test
    void presenceFlagsAreReadAndAbsentRowsZeroed() {
        for (String dtype : new String[] {"|b1", "|u1", "<i4"}) {
            Path d = dir.resolve(dtype.substring(1));
            TestDatasets.builder().absent(3, "a").absent(8, "b").feature("b", 8, 0, Float.NaN).presenceDtype(dtype).write(d);
            MultimodalDataset ds = DatasetLoader.load(d);
            assertThat(ds.isPresent(0, 3)).as(dtype).isFalse();
            assertThat(ds.isPresent(1, 3)).as(dtype).isTrue();
            assertThat(ds.isPresent(1, 8)).as(dtype).isFalse();
            assertThat(IntStream.range(0, 20).filter(i -> ds.isPresent(0, i)).count()).isEqualTo(19);
            assertThat(Arrays.copyOfRange(ds.features(0), 9, 12)).containsOnly(0f);
            assertThat(Arrays.copyOfRange(ds.features(1), 16, 18)).containsOnly(0f);
            assertThat(ds.features(0)[12]).isEqualTo(TestDatasets.value(0, 4, 0, 0));
        }
    }

    @Test
    void withoutSplitHoldsOutAStratifiedFifthAndSaysSo() {
        Logger logger = (Logger) LoggerFactory.getLogger(org.mla4j.data.folder.FeatureFolder.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TestDatasets.builder().samples(50).withoutSplit().write(dir);
            MultimodalDataset ds = DatasetLoader.load(dir);
            assertThat(ds.testIndices()).hasSize(10);
            assertThat(ds.trainIndices()).hasSize(40);
            assertThat(IntStream.of(ds.testIndices()).filter(i -> ds.labels()[i] == 0).count()).isEqualTo(5);
            assertThat(IntStream.concat(IntStream.of(ds.trainIndices()), IntStream.of(ds.testIndices())).sorted().toArray())
                    .containsExactly(IntStream.range(0, 50).toArray());
            assertThat(DatasetLoader.load(dir).testIndices()).containsExactly(ds.testIndices());
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("synthetic: no split in the manifest; holding out a stratified 20% test split (seed 0):"
                            + " 40 train, 10 test");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void checksumIsSha256OfTheFilesInOrder() throws Exception {
        TestDatasets.builder().absent(0, "a").write(dir);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String f : new String[] {"manifest.json", "labels.npy", "a.npy", "b.npy", "presence.npy",
                "train_indices.npy", "test_indices.npy"}) {
            all.writeBytes(Files.readAllBytes(dir.resolve(f)));
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toByteArray()));
        assertThat(DatasetLoader.load(dir).checksum()).isEqualTo(expected);
    }

    @Test
    void checksumChangesWithAnyDataByte() {
        TestDatasets.write(dir);
        String before = DatasetLoader.load(dir).checksum();
        TestDatasets.overwrite(dir.resolve("b.npy"), 200, (byte) 0x3f);
        assertThat(DatasetLoader.load(dir).checksum()).isNotEqualTo(before).hasSize(64);
    }
}
