package org.mla4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Npy;

/** Every malformed input is rejected with one sentence that names the file and the problem. */
class DatasetLoaderValidationTest {
    @TempDir
    Path dir;

    /** Loads {@code dir} and checks the message is "{file}: ...fragment...", one line, one sentence. */
    private void assertRejected(String file, String fragment) {
        assertThatThrownBy(() -> DatasetLoader.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve(file) + ": ")
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static float[] floats(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    @Nested
    class Manifest {
        @Test
        void missingFolder() {
            Path missing = dir.resolve("nope");
            assertThatThrownBy(() -> DatasetLoader.load(missing))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(missing + ": not found (expected a dataset folder or its manifest.json)");
        }

        @Test
        void missingManifest() {
            TestDatasets.builder().omit("manifest.json").write(dir);
            assertRejected("manifest.json", "file not found");
        }

        @Test
        void notJson() {
            TestDatasets.builder().manifestText("{\"name\": \"x\",\n  oops }").write(dir);
            assertRejected("manifest.json", "is not valid JSON at line 2, column");
        }

        @Test
        void trailingGarbage() {
            TestDatasets.builder().manifestText("{\"name\": \"x\"} {}").write(dir);
            assertRejected("manifest.json", "is not valid JSON");
        }

        @Test
        void duplicateKey() {
            TestDatasets.builder().manifestText("{\"name\": \"x\", \"name\": \"y\"}").write(dir);
            assertRejected("manifest.json", "Duplicate field 'name'");
        }

        @Test
        void notAnObject() {
            TestDatasets.builder().manifestText("[1, 2]").write(dir);
            assertRejected("manifest.json", "must hold a JSON object, but holds the array [1,2]");
        }

        @Test
        void missingRequiredKey() {
            TestDatasets.builder().editManifest(m -> m.remove("num_samples")).write(dir);
            assertRejected("manifest.json", "missing required key \"num_samples\"");
        }

        @Test
        void nullRequiredKeyCountsAsMissing() {
            TestDatasets.builder().editManifest(m -> m.putNull("name")).write(dir);
            assertRejected("manifest.json", "missing required key \"name\"");
        }

        @Test
        void missingModalityDim() {
            TestDatasets.builder().editModality(1, o -> o.remove("dim")).write(dir);
            assertRejected("manifest.json", "missing required key \"modalities[1].dim\"");
        }

        @Test
        void dimIsAString() {
            TestDatasets.builder().editModality(0, o -> o.put("dim", "3")).write(dir);
            assertRejected("manifest.json", "key \"modalities[0].dim\" must be an integer but is the string \"3\"");
        }

        @Test
        void numSamplesNotWhole() {
            TestDatasets.builder().editManifest(m -> m.put("num_samples", 20.5)).write(dir);
            assertRejected("manifest.json", "key \"num_samples\" must be an integer but is the number 20.5");
        }

        @Test
        void dimNotPositive() {
            TestDatasets.builder().editModality(0, o -> o.put("dim", 0)).write(dir);
            assertRejected("manifest.json", "key \"modalities[0].dim\" must be at least 1 but is 0");
        }

        @Test
        void fewerThanTwoClasses() {
            TestDatasets.builder().editManifest(m -> m.put("num_classes", 1)).write(dir);
            assertRejected("manifest.json", "key \"num_classes\" must be at least 2 but is 1");
        }

        @Test
        void modalitiesNotAnArray() {
            TestDatasets.builder().editManifest(m -> m.put("modalities", "a")).write(dir);
            assertRejected("manifest.json", "key \"modalities\" must be an array of objects but is the string \"a\"");
        }

        @Test
        void splitWithoutTestFile() {
            TestDatasets.builder().editManifest(m -> ((ObjectNode) m.get("split")).remove("test_file")).write(dir);
            assertRejected("manifest.json", "missing required key \"split.test_file\"");
        }

        @Test
        void classNamesWrongLength() {
            TestDatasets.builder().editManifest(m -> m.putArray("class_names").add("only")).write(dir);
            assertRejected("manifest.json", "\"class_names\" has 1 entries but num_classes is 2");
        }

        @Test
        void classNamesDuplicated() {
            TestDatasets.builder().editManifest(m -> m.putArray("class_names").add("x").add("x")).write(dir);
            assertRejected("manifest.json", "class name \"x\" appears twice (class_names[0] and class_names[1])");
        }

        @Test
        void zeroModalities() {
            TestDatasets.builder().editManifest(m -> m.putArray("modalities")).write(dir);
            assertRejected("manifest.json", "\"modalities\" lists no modality; at least one is needed");
        }

        @Test
        void duplicateModalityNames() {
            TestDatasets.builder().editModality(1, o -> o.put("name", "a")).write(dir);
            assertRejected("manifest.json", "modality name \"a\" appears twice (modalities[0] and modalities[1])");
        }

        @Test
        void emptyModalityName() {
            TestDatasets.builder().editModality(0, o -> o.put("name", "")).write(dir);
            assertRejected("manifest.json", "key \"modalities[0].name\" must not be empty");
        }

        @Test
        void modalityNameWithBadCharacters() {
            TestDatasets.builder().editModality(1, o -> o.put("name", "b/c d")).write(dir);
            assertRejected("manifest.json", "modality name \"b/c d\" (modalities[1].name) may only contain letters,"
                    + " digits, '_', '.' and '-'");
        }

        @Test
        void modalityNameOfDotsOnly() {
            TestDatasets.builder().editModality(0, o -> o.put("name", "..")).write(dir);
            assertRejected("manifest.json", "must not be only dots");
        }
    }

    @Nested
    class Paths {
        @Test
        void parentDirectory() {
            TestDatasets.builder().editModality(0, o -> o.put("file", "../x.npy")).write(dir);
            assertRejected("manifest.json", "file \"../x.npy\" (modalities[0].file): path leaves the dataset folder");
        }

        @Test
        void climbingOutAndBackIn() throws Exception {
            Path data = dir.resolve("data");
            TestDatasets.write(data);
            Files.writeString(data.resolve("manifest.json"), Files.readString(data.resolve("manifest.json"))
                    .replace("\"labels.npy\"", "\"../data/labels.npy\""));
            // resolves inside the folder again, so it is accepted
            assertThat(DatasetLoader.load(data).numSamples()).isEqualTo(20);
        }

        @Test
        void absolutePath() {
            String abs = dir.resolve("labels.npy").toAbsolutePath().toString();
            TestDatasets.builder().editManifest(m -> m.put("labels_file", abs)).write(dir);
            assertRejected("manifest.json", "(labels_file): path leaves the dataset folder");
        }

        @Test
        void splitFileOutside() {
            TestDatasets.builder().editManifest(m -> ((ObjectNode) m.get("split")).put("test_file", "sub/../../t.npy")).write(dir);
            assertRejected("manifest.json", "(split.test_file): path leaves the dataset folder");
        }

        @Test
        void presenceFileOutside() {
            TestDatasets.builder().editManifest(m -> m.put("presence_file", "../p.npy")).write(dir);
            assertRejected("manifest.json", "(presence_file): path leaves the dataset folder");
        }

        @Test
        void theFolderItself() {
            TestDatasets.builder().editManifest(m -> m.put("labels_file", ".")).write(dir);
            assertRejected("manifest.json", "names the dataset folder itself");
        }

        @Test
        void symlinkEscapingTheFolder() throws Exception {
            Path data = dir.resolve("data");
            Path outside = dir.resolve("outside.npy");
            TestDatasets.builder().omit("a.npy").write(data);
            Files.write(outside, TestDatasets.floats(new float[60], 20, 3));
            Files.createSymbolicLink(data.resolve("a.npy"), outside);
            assertThatThrownBy(() -> DatasetLoader.load(data))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(data.resolve("manifest.json") + ": file \"a.npy\" (modalities[0].file): path leaves"
                            + " the dataset folder (through a symbolic link)");
        }

        @Test
        void symlinkInsideTheFolderIsFine() throws Exception {
            TestDatasets.builder().omit("a.npy").file("real/a.npy", TestDatasets.floats(new float[60], 20, 3)).write(dir);
            Files.createSymbolicLink(dir.resolve("a.npy"), dir.resolve("real/a.npy"));
            assertThat(DatasetLoader.load(dir).numSamples()).isEqualTo(20);
        }
    }

    @Nested
    class NpyFiles {
        @Test
        void listedFileMissing() {
            TestDatasets.builder().omit("b.npy").write(dir);
            assertRejected("b.npy", "file not found");
        }

        @Test
        void truncatedData() {
            TestDatasets.write(dir);
            TestDatasets.truncate(dir.resolve("a.npy"), 5);
            assertRejected("a.npy", "truncated: header declares shape (20, 3) (240 bytes of data) but only 235 bytes follow");
        }

        @Test
        void truncatedHeader() throws Exception {
            TestDatasets.write(dir);
            Files.write(dir.resolve("labels.npy"), java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("labels.npy")), 30));
            assertRejected("labels.npy", "truncated (header runs past the end of the file)");
        }

        @Test
        void badMagic() {
            TestDatasets.write(dir);
            TestDatasets.overwrite(dir.resolve("b.npy"), 1, (byte) 'X');
            assertRejected("b.npy", "not a .npy file (bad magic string)");
        }

        @Test
        void fortranOrder() {
            byte[] header = Npy.encodeHeader("<f4", true, new long[] {20, 3});
            byte[] data = new byte[240];
            byte[] file = java.util.Arrays.copyOf(header, header.length + data.length);
            TestDatasets.builder().file("a.npy", file).write(dir);
            assertRejected("a.npy", "is stored in Fortran order");
        }

        @Test
        void trailingBytes() {
            byte[] good = TestDatasets.floats(new float[40], 20, 2);
            TestDatasets.builder().file("b.npy", java.util.Arrays.copyOf(good, good.length + 3)).write(dir);
            assertRejected("b.npy", "has 3 bytes more than its declared shape (20, 2) needs");
        }

        @Test
        void headerDeclaresMoreThanTheData() {
            TestDatasets.builder().file("a.npy", TestDatasets.npy("<f4", new long[] {40, 3}, new byte[240])).write(dir);
            assertRejected("a.npy", "truncated: header declares shape (40, 3)");
        }

        @Test
        void hugeDeclaredShape() {
            TestDatasets.builder().file("a.npy", TestDatasets.npy("<f4", new long[] {1_000_000, 1_000_000}, new byte[8]))
                    .write(dir);
            assertRejected("a.npy", "declared shape (1000000, 1000000) has 1000000000000 elements, more than mla4j can hold");
        }

        @Test
        void declaredShapeOverflowingLong() {
            long big = 1L << 40;
            TestDatasets.builder().file("a.npy", TestDatasets.npy("<f4", new long[] {big, big}, new byte[8])).write(dir);
            assertRejected("a.npy", "declared shape is too large");
        }

        @Test
        void malformedHeader() {
            TestDatasets.builder().file("labels.npy", TestDatasets.npy("<i4", new long[] {20}, new byte[80]))
                    .write(dir);
            TestDatasets.overwrite(dir.resolve("labels.npy"), 11, "'dexcr'".getBytes(StandardCharsets.ISO_8859_1));
            assertRejected("labels.npy", "malformed .npy header");
        }

        @Test
        void unsupportedDtype() {
            TestDatasets.builder().file("a.npy", TestDatasets.npy("<c8", new long[] {20, 3}, new byte[480])).write(dir);
            assertRejected("a.npy", "unsupported dtype '<c8'");
        }

        @Test
        void integerFeatures() {
            TestDatasets.builder().file("a.npy", TestDatasets.ints(new int[60], 20, 3)).write(dir);
            assertRejected("a.npy", "has dtype '<i4' but features of modality 'a' must be float32 or float64");
        }

        @Test
        void floatingLabels() {
            TestDatasets.builder().file("labels.npy", TestDatasets.floats(new float[20], 20)).write(dir);
            assertRejected("labels.npy", "has dtype '<f4' but class labels must be integers");
        }

        @Test
        void boolLabels() {
            TestDatasets.builder().file("labels.npy", TestDatasets.npy("|b1", new long[] {20}, new byte[20])).write(dir);
            assertRejected("labels.npy", "has dtype '|b1' but class labels must be integers");
        }

        @Test
        void floatingIndices() {
            TestDatasets.builder().file("train_indices.npy", TestDatasets.floats(new float[] {0, 1}, 2)).write(dir);
            assertRejected("train_indices.npy", "has dtype '<f4' but split indices must be integers");
        }

        @Test
        void int64LabelTooLarge() {
            ByteBuffer b = ByteBuffer.allocate(160).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(0, 1L << 40);
            TestDatasets.builder().file("labels.npy", TestDatasets.npy("<i8", new long[] {20}, b.array())).write(dir);
            assertRejected("labels.npy", "value 1099511627776 at position 0 does not fit in int32");
        }
    }

    @Nested
    class Shapes {
        @Test
        void featuresNot2d() {
            TestDatasets.builder().file("a.npy", TestDatasets.floats(new float[60], 60)).write(dir);
            assertRejected("a.npy", "has shape (60,) but features of modality 'a' must be 2-D (samples, dim)");
        }

        @Test
        void features3d() {
            TestDatasets.builder().file("b.npy", TestDatasets.floats(new float[40], 20, 2, 1)).write(dir);
            assertRejected("b.npy", "has shape (20, 2, 1) but features of modality 'b' must be 2-D");
        }

        @Test
        void dimDisagreesWithManifest() {
            TestDatasets.builder().file("a.npy", TestDatasets.floats(new float[80], 20, 4)).write(dir);
            assertRejected("a.npy", "has 4 features per row but manifest.json gives modalities[0].dim as 3");
        }

        @Test
        void modalityRowCountDisagrees() {
            TestDatasets.builder().file("b.npy", TestDatasets.floats(floats(38), 19, 2)).write(dir);
            assertRejected("b.npy", "has 19 rows but labels.npy has 20");
        }

        @Test
        void labelsDisagreeWithNumSamples() {
            TestDatasets.builder().editManifest(m -> m.put("num_samples", 21)).write(dir);
            assertRejected("labels.npy", "has 20 rows but manifest.json says num_samples is 21");
        }

        @Test
        void labels2dWithSeveralColumns() {
            TestDatasets.builder().file("labels.npy", TestDatasets.ints(new int[40], 20, 2)).write(dir);
            assertRejected("labels.npy", "has shape (20, 2) but class labels must be 1-D");
        }
    }

    @Nested
    class Values {
        @Test
        void nanInPresentRow() {
            TestDatasets.builder().feature("b", 7, 1, Float.NaN).write(dir);
            assertRejected("b.npy", "row 7 of modality 'b' holds NaN in column 1, but a present row must hold only finite values");
        }

        @Test
        void infinityInPresentRow() {
            TestDatasets.builder().feature("a", 0, 2, Float.NEGATIVE_INFINITY).write(dir);
            assertRejected("a.npy", "row 0 of modality 'a' holds -Infinity in column 2");
        }

        @Test
        void nanInAbsentRowIsIgnored() {
            TestDatasets.builder().absent(7, "b").feature("b", 7, 1, Float.NaN).write(dir);
            assertThat(DatasetLoader.load(dir).isPresent(1, 7)).isFalse();
        }

        @Test
        void labelAboveRange() {
            TestDatasets.builder().label(5, 2).write(dir);
            assertRejected("labels.npy", "row 5 has label 2, outside [0, 2) for num_classes 2");
        }

        @Test
        void negativeLabel() {
            TestDatasets.builder().label(0, -1).write(dir);
            assertRejected("labels.npy", "row 0 has label -1, outside [0, 2)");
        }
    }

    @Nested
    class Split {
        @Test
        void indexOutOfRange() {
            TestDatasets.builder().file("test_indices.npy", TestDatasets.ints(new int[] {4, 20}, 2)).write(dir);
            assertRejected("test_indices.npy", "index 20 at position 1 is outside [0, 20)");
        }

        @Test
        void negativeIndex() {
            TestDatasets.builder().file("train_indices.npy", TestDatasets.ints(new int[] {-1}, 1)).write(dir);
            assertRejected("train_indices.npy", "index -1 at position 0 is outside [0, 20)");
        }

        @Test
        void duplicateWithinFile() {
            TestDatasets.builder().file("train_indices.npy", TestDatasets.ints(new int[] {0, 1, 2, 1}, 4)).write(dir);
            assertRejected("train_indices.npy", "index 1 appears twice (positions 1 and 3)");
        }

        @Test
        void overlapBetweenTrainAndTest() {
            TestDatasets.builder().file("test_indices.npy", TestDatasets.ints(new int[] {4, 9, 3}, 3)).write(dir);
            assertRejected("test_indices.npy", "index 3 is also in train_indices.npy, but train and test must not overlap");
        }

        @Test
        void emptyTrain() {
            TestDatasets.builder().file("train_indices.npy", TestDatasets.ints(new int[0], 0)).write(dir);
            assertRejected("train_indices.npy", "holds no index, but a split must not be empty");
        }

        @Test
        void emptyTest() {
            TestDatasets.builder().file("test_indices.npy", TestDatasets.ints(new int[0], 0)).write(dir);
            assertRejected("test_indices.npy", "holds no index");
        }

        @Test
        void noSplitAndNothingToHoldOut() {
            TestDatasets.builder().samples(2).withoutSplit().write(dir);
            assertRejected("manifest.json", "names no split, and no class has two samples to hold one out for testing");
        }
    }

    @Nested
    class Presence {
        @Test
        void wrongShape() {
            TestDatasets.builder().presence(new int[20][3]).write(dir);
            assertRejected("presence.npy", "has shape (20, 3) but must be (20, 2): one row per sample, one column per"
                    + " modality in manifest order");
        }

        @Test
        void oneDimensional() {
            TestDatasets.builder().absent(0, "a").file("presence.npy", TestDatasets.ints(new int[20], 20)).write(dir);
            assertRejected("presence.npy", "has shape (20,) but must be (20, 2)");
        }

        @Test
        void valueNotZeroOrOne() {
            int[][] flags = new int[20][2];
            for (int[] row : flags) {
                row[0] = 1;
            }
            flags[6][1] = 2;
            TestDatasets.builder().presence(flags).presenceDtype("|u1").write(dir);
            assertRejected("presence.npy", "row 6, column 1 holds 2 but presence flags must be 0 or 1");
        }

        @Test
        void floatingFlags() {
            TestDatasets.builder().absent(0, "a").file("presence.npy", TestDatasets.floats(new float[40], 20, 2)).write(dir);
            assertRejected("presence.npy", "has dtype '<f4' but presence flags must be bool or integer 0/1");
        }

        @Test
        void sampleWithNoModality() {
            TestDatasets.builder().absent(11, "a").absent(11, "b").write(dir);
            assertRejected("presence.npy", "row 11 has no modality present; every sample needs at least one");
        }

        @Test
        void presenceFileMissing() {
            TestDatasets.builder().absent(0, "a").omit("presence.npy").write(dir);
            assertRejected("presence.npy", "file not found");
        }
    }
}
