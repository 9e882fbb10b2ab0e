package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.raw.RawIndex;
import org.mla4j.data.raw.audio.WavReader;
import org.mla4j.data.raw.image.ImageLoader;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Npy;

/**
 * Every command against malformed input: datasets, options, models and checkpoints. Each case must
 * end with exit code 2, exactly one "error: " line that names the input and the problem, no stack
 * trace, and no output left behind (neither the --out path nor a hidden staging sibling of it).
 * Raw-file decoders (WAV, images) have no command on this branch yet, so their cases call the
 * decoders and check the same one-sentence rule.
 */
class BadInputCatalogueTest {
    @TempDir
    static Path shared;

    /** A small trained run, shared by the eval/predict/resume cases (read-only; cases copy it to break it). */
    static Path model;

    @BeforeAll
    static void trainModel() {
        Path data = TestDatasets.write(shared.resolve("data"));
        model = shared.resolve("model");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "1",
                "--width", "8", "--layers", "1", "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    /** What a case runs: the command line and the output path that must not appear. */
    record Invocation(Path out, List<String> args) {
    }

    @FunctionalInterface
    interface Setup {
        Invocation prepare(Path dir) throws IOException;
    }

    /** One malformed input; every fragment must appear in the error line. */
    record Case(String name, Setup setup, String... fragments) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // ---- datasets (.npy files, manifests, splits) through `mla train`
        c.add(new Case("npy truncated", d -> {
            Path data = TestDatasets.write(d.resolve("data"));
            TestDatasets.truncate(data.resolve("a.npy"), 4);
            return train(d, data);
        }, "a.npy", "truncated"));
        c.add(new Case("npy bad magic", d -> {
            Path data = TestDatasets.write(d.resolve("data"));
            TestDatasets.overwrite(data.resolve("a.npy"), 0, (byte) 'X');
            return train(d, data);
        }, "a.npy", "bad magic"));
        c.add(new Case("npy Fortran order", d -> train(d, dataWith(d, "a.npy",
                concat(Npy.encodeHeader("<f4", true, new long[] {20, 3}), new byte[20 * 3 * 4]))),
                "a.npy", "Fortran order"));
        c.add(new Case("npy integer features", d -> train(d, dataWith(d, "a.npy",
                TestDatasets.ints(new int[60], 20, 3))), "a.npy", "dtype '<i4'", "float32 or float64"));
        c.add(new Case("npy complex dtype", d -> train(d, dataWith(d, "a.npy",
                TestDatasets.npy("<c8", new long[] {20, 3}, new byte[20 * 3 * 8]))), "a.npy", "unsupported dtype '<c8'"));
        c.add(new Case("npy header claims more rows", d -> train(d, dataWith(d, "a.npy",
                TestDatasets.npy("<f4", new long[] {30, 3}, new byte[20 * 3 * 4]))), "a.npy", "truncated",
                "(30, 3)"));
        c.add(new Case("npy header claims fewer rows", d -> train(d, dataWith(d, "a.npy",
                TestDatasets.npy("<f4", new long[] {10, 3}, new byte[20 * 3 * 4]))), "a.npy", "bytes more than",
                "(10, 3)"));
        c.add(new Case("npy huge declared shape", d -> train(d, dataWith(d, "a.npy",
                TestDatasets.npy("<f4", new long[] {1_000_000_000_000L, 3}, new byte[12]))), "a.npy",
                "more than mla4j can hold"));
        c.add(new Case("npy malformed header", d -> train(d, dataWith(d, "a.npy",
                concat(Arrays.copyOf(Npy.encodeHeader("<f4", false, new long[] {20, 3}), 10),
                        "{'descr': '<f4', 'shape': (20, 3)}\n".getBytes(StandardCharsets.ISO_8859_1)))),
                "a.npy", "header"));
        c.add(new Case("NaN feature", d -> train(d, data(d, TestDatasets.builder().feature("a", 3, 1, Float.NaN))),
                "a.npy", "row 3", "NaN"));
        c.add(new Case("infinite feature", d -> train(d, data(d,
                TestDatasets.builder().feature("b", 5, 0, Float.POSITIVE_INFINITY))), "b.npy", "row 5", "Infinity"));
        c.add(new Case("label out of range", d -> train(d, data(d, TestDatasets.builder().label(3, 7))),
                "labels.npy", "row 3 has label 7"));
        c.add(new Case("negative label", d -> train(d, data(d, TestDatasets.builder().label(2, -1))),
                "labels.npy", "row 2 has label -1"));
        c.add(new Case("float labels", d -> train(d, dataWith(d, "labels.npy",
                TestDatasets.floats(new float[20], 20))), "labels.npy", "must be integers"));
        c.add(new Case("modality rows disagree", d -> train(d, dataWith(d, "b.npy",
                TestDatasets.floats(new float[19 * 2], 19, 2))), "b.npy", "19 rows"));
        c.add(new Case("manifest dim disagrees", d -> train(d, data(d,
                TestDatasets.builder().editModality(0, m -> m.put("dim", 4)))), "a.npy", "3 features per row", "4"));
        c.add(new Case("num_samples disagrees", d -> train(d, data(d,
                TestDatasets.builder().editManifest(m -> m.put("num_samples", 21)))), "labels.npy", "20 rows", "21"));
        c.add(new Case("empty train split", d -> train(d, dataWith(d, TestDatasets.TRAIN,
                TestDatasets.ints(new int[0], 0))), TestDatasets.TRAIN, "holds no index"));
        c.add(new Case("overlapping splits", d -> train(d, dataWith(d, TestDatasets.TEST,
                TestDatasets.ints(new int[] {0, 4, 9}, 3))), TestDatasets.TEST, "index 0 is also in", "overlap"));
        c.add(new Case("split index out of range", d -> train(d, dataWith(d, TestDatasets.TEST,
                TestDatasets.ints(new int[] {4, 20}, 2))), TestDatasets.TEST, "index 20", "outside [0, 20)"));
        c.add(new Case("duplicate modality name", d -> train(d, data(d,
                TestDatasets.builder().editModality(1, m -> m.put("name", "a")))), "manifest.json", "\"a\" appears twice"));
        c.add(new Case("unsafe modality name", d -> train(d, data(d,
                TestDatasets.builder().editModality(1, m -> m.put("name", "b/../../x")))), "manifest.json",
                "b/../../x", "may only contain"));
        c.add(new Case("path traversal in manifest", d -> train(d, data(d,
                TestDatasets.builder().editModality(0, m -> m.put("file", "../../secret.npy")))), "manifest.json",
                "../../secret.npy", "leaves the dataset folder"));
        c.add(new Case("absolute path in manifest", d -> train(d, data(d,
                TestDatasets.builder().editManifest(m -> m.put("labels_file", "/etc/passwd")))), "manifest.json",
                "/etc/passwd", "leaves the dataset folder"));
        c.add(new Case("symbolic link out of the folder", d -> {
            Path data = TestDatasets.write(d.resolve("data"));
            Files.move(data.resolve("b.npy"), d.resolve("outside.npy"));
            Files.createSymbolicLink(data.resolve("b.npy"), d.resolve("outside.npy"));
            return train(d, data);
        }, "manifest.json", "b.npy", "symbolic link"));
        c.add(new Case("missing modality file", d -> train(d, data(d, TestDatasets.builder().omit("b.npy"))),
                "b.npy", "file not found"));
        c.add(new Case("missing dataset folder", d -> train(d, d.resolve("nowhere")), "nowhere", "not found"));
        c.add(new Case("manifest not JSON", d -> train(d, data(d, TestDatasets.builder().manifestText("{\"name\": "))),
                "manifest.json", "not valid JSON"));
        c.add(new Case("manifest lacks a key", d -> train(d, data(d,
                TestDatasets.builder().editManifest(m -> m.remove("num_classes")))), "manifest.json", "num_classes"));
        c.add(new Case("manifest key misspelt", d -> train(d, data(d,
                TestDatasets.builder().editManifest(m -> m.set("splt", m.remove("split"))))), "manifest.json",
                "unknown key \"splt\"", "did you mean \"split\""));
        c.add(new Case("modality key misspelt", d -> train(d, data(d,
                TestDatasets.builder().editModality(0, m -> m.putArray("sample_shap").add(3)))), "manifest.json",
                "unknown key \"modalities[0].sample_shap\"", "did you mean \"modalities[0].sample_shape\""));
        c.add(new Case("split key misspelt", d -> train(d, data(d,
                TestDatasets.builder().editManifest(m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("split"))
                        .set("trainfile", ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("split"))
                                .get("train_file"))))), "manifest.json",
                "unknown key \"split.trainfile\"", "did you mean \"split.train_file\""));
        c.add(new Case("raw manifest key misspelt", d -> {
            Path raw = org.mla4j.data.raw.TinyRawDataset.write(d.resolve("raw"));
            Files.writeString(raw.resolve("manifest.json"), org.mla4j.data.raw.TinyRawDataset.manifest()
                    .replace("\"column\": \"image\"", "\"colum\": \"image\""));
            return train(d, raw);
        }, "manifest.json", "unknown key \"modalities[0].colum\"", "did you mean \"modalities[0].column\""));
        c.add(new Case("raw manifest top-level key misspelt", d -> {
            Path raw = org.mla4j.data.raw.TinyRawDataset.write(d.resolve("raw"));
            Files.writeString(raw.resolve("manifest.json"), org.mla4j.data.raw.TinyRawDataset.manifest()
                    .replace("\"class_names\"", "\"class_name\""));
            return train(d, raw);
        }, "manifest.json", "unknown key \"class_name\"", "did you mean \"class_names\""));
        c.add(new Case("data file instead of a dataset", d -> train(d, goodData().resolve("a.npy")), "a.npy",
                "is a file, not a dataset", "dataset folder"));
        c.add(new Case("sample with no modality", d -> train(d, data(d,
                TestDatasets.builder().absent(6, "a").absent(6, "b"))), TestDatasets.PRESENCE, "row 6",
                "no modality present"));
        // ---- options
        c.add(new Case("unknown option", d -> train(d, goodData(), "--nope"), "Unknown option", "--nope"));
        c.add(new Case("wrong option type", d -> train(d, goodData(), "--epochs", "abc"), "--epochs", "'abc'",
                "must be an integer"));
        c.add(new Case("negative epochs", d -> train(d, goodData(), "--epochs", "-3"), "--epochs", "-3"));
        c.add(new Case("zero learning rate", d -> train(d, goodData(), "--lr", "0"), "--lr", "positive"));
        c.add(new Case("NaN learning rate", d -> train(d, goodData(), "--lr", "NaN"), "--lr", "NaN"));
        c.add(new Case("validation fraction too large", d -> train(d, goodData(), "--val-fraction", "0.95"),
                "--val-fraction", "(0, 0.9)", "0.95"));
        c.add(new Case("validation fraction zero", d -> train(d, goodData(), "--val-fraction", "0"),
                "--val-fraction", "(0, 0.9)"));
        c.add(new Case("hgm maybe", d -> train(d, goodData(), "--hgm", "maybe"), "--hgm", "on or off", "maybe"));
        c.add(new Case("zero batch size", d -> train(d, goodData(), "--batch-size", "0"), "--batch-size", "0"));
        c.add(new Case("momentum one", d -> train(d, goodData(), "--momentum", "1"), "--momentum", "[0, 1)"));
        c.add(new Case("negative weight decay", d -> train(d, goodData(), "--weight-decay", "-1"), "--weight-decay"));
        c.add(new Case("negative decay epoch", d -> train(d, goodData(), "--lr-decay-epochs", "-1"),
                "--lr-decay-epochs", "-1"));
        c.add(new Case("decay epoch zero (epochs count from 1)", d -> train(d, goodData(), "--lr-decay-epochs", "0"),
                "--lr-decay-epochs", "counted from 1", "got 0"));
        c.add(new Case("OGM window from epoch zero", d -> train(d, goodData(), "--method", "ogm-ge", "--ogm-epochs",
                "0:-1"), "--ogm-epochs", "counted from 1", "0:-1"));
        c.add(new Case("unknown OGM fusion", d -> train(d, goodData(), "--method", "ogm-ge", "--ogm-fusion", "film"),
                "--ogm-fusion", "concat, sum", "film"));
        c.add(new Case("unknown QMF variant", d -> train(d, goodData(), "--method", "qmf", "--qmf-variant", "full"),
                "--qmf-variant", "paper, simplified", "full"));
        c.add(new Case("unknown fusion", d -> train(d, goodData(), "--fusion", "max"), "--fusion", "max"));
        c.add(new Case("unknown method", d -> train(d, goodData(), "--method", "nope"), "unknown method 'nope'"));
        c.add(new Case("negative checkpoint interval", d -> train(d, goodData(), "--checkpoint-every", "-1"),
                "--checkpoint-every", "-1"));
        c.add(new Case("unknown command", d -> new Invocation(d.resolve("out"), List.of("frobnicate")),
                "frobnicate"));
        c.add(new Case("bench negative JIT warm-up", d -> new Invocation(d.resolve("bench.json"),
                List.of("bench", "--jit-warmup", "-1", "--out", d.resolve("bench.json").toString())),
                "--jit-warmup", "-1"));
        c.add(new Case("bench measures no epoch", d -> new Invocation(d.resolve("bench.json"),
                List.of("bench", "--epochs", "2", "--warmup", "2", "--out", d.resolve("bench.json").toString())),
                "--epochs must exceed --warmup (2)"));
        c.add(new Case("bench a teacher stage without warm-up", d -> new Invocation(d.resolve("bench.json"),
                List.of("bench", "--methods", "mmin", "--warmup", "0", "--out", d.resolve("bench.json").toString())),
                "mmin trains a teacher first", "--warmup must be at least 1"));
        c.add(new Case("eval without --model", d -> new Invocation(d.resolve("out.json"),
                List.of("eval", "--out", d.resolve("out.json").toString())), "--model"));
        // ---- models through eval and predict
        c.add(new Case("missing model directory", d -> eval(d, d.resolve("no-model")), "no-model", "not found"));
        c.add(new Case("truncated model.npz", d -> {
            Path m = copyModel(d);
            TestDatasets.truncate(m.resolve("model.npz"), 200);
            return eval(d, m);
        }, "model.npz", "truncated"));
        c.add(new Case("model.npz not a zip", d -> {
            Path m = copyModel(d);
            Files.writeString(m.resolve("model.npz"), "not a zip archive");
            return eval(d, m);
        }, "model.npz", "not a valid .npz archive"));
        c.add(new Case("foreign JSON as model.json", d -> {
            Path m = copyModel(d);
            Files.copy(goodData().resolve("manifest.json"), m.resolve("model.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return eval(d, m);
        }, "model.json", "not an mla4j model description"));
        c.add(new Case("binary file as model.json", d -> {
            Path m = copyModel(d);
            Files.write(m.resolve("model.json"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
            return eval(d, m);
        }, "model.json", "not valid JSON"));
        c.add(new Case("model format from the future", d -> {
            Path m = copyModel(d);
            Path json = m.resolve("model.json");
            Files.writeString(json, Files.readString(json).replaceFirst("\"format_version\" : \\d+", "\"format_version\" : 99"));
            return eval(d, m);
        }, "model.json", "format_version 99"));
        c.add(new Case("model.json with a type gadget", d -> {
            Path m = copyModel(d);
            Path json = m.resolve("model.json");
            Files.writeString(json, Files.readString(json).replace("\"options\" : {",
                    "\"options\" : {\"@class\" : \"java.lang.ProcessBuilder\", \"command\" : [\"touch\", \"pwned\"],"));
            return eval(d, m);
        }, "model.json", "unknown key 'options.@class'"));
        c.add(new Case("model.npz lacks a parameter", d -> {
            Path m = copyModel(d);
            rewriteNpzWithout(m.resolve("model.npz"), "head.");
            return eval(d, m);
        }, "model.npz", "parameter head.", "missing"));
        c.add(new Case("model with other dimensions", d -> eval(d, model, data(d,
                TestDatasets.builder().modality("a", 4).modality("b", 2))), "modality 'a'", "4 features",
                "expects 3"));
        c.add(new Case("dataset with a modality the model lacks", d -> predict(d, model, data(d,
                TestDatasets.builder().modality("a", 3).modality("b", 2).modality("c", 1))), "modality 'c'",
                "not trained on"));
        c.add(new Case("dataset with other classes", d -> predict(d, model, data(d,
                TestDatasets.builder().classes(3))), "3 classes", "trained on 2"));
        c.add(new Case("model directory is an unfinished run", d -> {
            Path m = d.resolve("unfinished");
            Files.createDirectories(m.resolve("checkpoint"));
            Files.writeString(m.resolve("checkpoint/checkpoint.json"), "{}");
            return eval(d, m);
        }, "unfinished", "--resume"));
        // ---- checkpoints through train --resume
        c.add(new Case("resume a finished run", d -> new Invocation(d.resolve("out"),
                List.of("train", "--resume", model.toString())), model.toString(), "finished run"));
        c.add(new Case("resume with other settings", d -> new Invocation(d.resolve("out"),
                List.of("train", "--resume", model.toString(), "--epochs", "9")), "--epochs", "--resume"));
        c.add(new Case("resume with a foreign checkpoint.json", d -> {
            Path run = d.resolve("run");
            Files.createDirectories(run.resolve("checkpoint"));
            Files.copy(goodData().resolve("manifest.json"), run.resolve("checkpoint/checkpoint.json"));
            return new Invocation(d.resolve("out"), List.of("train", "--resume", run.toString()));
        }, "checkpoint.json", "not an mla4j checkpoint"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyCommandRejectsBadInput() {
        return cases().stream().map(c -> dynamicTest(c.name(), () -> check(c)));
    }

    @Test
    void catalogueHasAtLeastThirtyCases() {
        assertThat(cases().size() + rawCases().size()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void existingOutputIsLeftUntouched() throws IOException {
        Path dir = Files.createTempDirectory(shared, "exists");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRun run = CliRun.of("train", "--data", goodData().toString(), "--out", out.toString(), "--epochs", "1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(out.toString(), "already exists", "--force");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
        assertThat(Files.list(out).count()).isEqualTo(1);
    }

    @Test
    void usageErrorsPointToHelp() {
        CliRun run = CliRun.of("train", "--epochz", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Try 'mla train --help' for more information.").doesNotContain("Usage:");
        assertThat(run.err().lines().count()).isLessThanOrEqualTo(4);
    }

    @Test
    void debugShowsTheStackTrace() {
        CliRun run = CliRun.of("train", "--data", shared.resolve("nowhere").toString(), "--debug");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("InvalidInputException").contains("\tat ");
    }

    private static void check(Case c) throws IOException {
        Path dir = Files.createTempDirectory(shared, "case");
        Invocation inv = c.setup().prepare(dir);
        CliRun run = CliRun.of(inv.args());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errorLines()).as(run.toString()).hasSize(1);
        assertThat(run.errorLines().get(0)).as(run.toString()).contains(c.fragments());
        assertThat(run.err()).as("no stack trace\n" + run).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out()).as(run.toString()).isEmpty();
        assertNothingWritten(inv.out());
    }

    /** Neither the output nor a hidden staging sibling (.NAME.partial-*, .NAME.tmp-*, .NAME.old-*) exists. */
    static void assertNothingWritten(Path out) throws IOException {
        assertThat(out).doesNotExist();
        try (Stream<Path> siblings = Files.list(out.toAbsolutePath().getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("." + out.getFileName() + "."));
        }
    }

    // ---- raw-file decoders (no command reads them on this branch yet)

    record RawCase(String name, Runnable decode, String fragment) {
    }

    static List<RawCase> rawCases() {
        Path wav = Path.of("clip.wav");
        Path png = Path.of("digit.png");
        byte[] goodWav = wav(800);
        return List.of(
                new RawCase("WAV truncated in the data chunk", () -> WavReader.decode(Arrays.copyOf(goodWav,
                        goodWav.length - 100), wav), "truncated"),
                new RawCase("WAV truncated in the header", () -> WavReader.decode(Arrays.copyOf(goodWav, 20), wav),
                        "truncated"),
                new RawCase("text file as WAV", () -> WavReader.decode("id,label\n1,2\n".getBytes(StandardCharsets.US_ASCII),
                        wav), "RIFF"),
                new RawCase("empty WAV", () -> WavReader.decode(new byte[0], wav), "empty file"),
                new RawCase("corrupt PNG", () -> ImageLoader.decode(concat(new byte[] {(byte) 0x89, 'P', 'N', 'G',
                        13, 10, 26, 10}, new byte[64]), png), "corrupt or truncated"),
                new RawCase("text file as image", () -> ImageLoader.decode("hello".getBytes(StandardCharsets.US_ASCII),
                        png), "not an image"),
                new RawCase("empty image", () -> ImageLoader.decode(new byte[0], png), "empty file"),
                new RawCase("index.csv lacking a column", () -> RawIndex.read(csv("id,label,audio\n1,2,a.wav\n")),
                        "lacks the column 'image'"),
                new RawCase("index.csv with an unterminated quote", () -> RawIndex.read(
                        csv("id,label,audio,image\n1,\"two,a.wav,b.png\n")), "line 2 has an unterminated quoted field"));
    }

    /** Writes an index.csv with this content into a fresh folder. */
    private static Path csv(String content) {
        try {
            Path file = Files.createTempDirectory(shared, "raw").resolve("index.csv");
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> rawDecodersRejectBadFiles() {
        return rawCases().stream().map(c -> dynamicTest(c.name(), () -> assertThatThrownBy(c.decode()::run)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(c.name().startsWith("index.csv") ? "" : c.name().contains("PNG")
                        || c.name().contains("image") ? "digit.png: " : "clip.wav: ")
                .satisfies(e -> assertThat(e.getMessage()).containsPattern(c.name().startsWith("index.csv")
                        ? "index\\.csv: " : ": "))
                .hasMessageContaining(c.fragment())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))));
    }

    /** A valid 16-bit mono PCM WAV of {@code frames} frames. */
    static byte[] wav(int frames) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * frames).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * frames)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * frames);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) (1000 * Math.sin(i / 5.0)));
        }
        return b.array();
    }

    // ---- helpers

    static Path goodData() {
        return shared.resolve("data");
    }

    static Path data(Path dir, TestDatasets.Builder builder) {
        return builder.write(dir.resolve("data"));
    }

    static Path dataWith(Path dir, String file, byte[] bytes) {
        return TestDatasets.builder().file(file, bytes).write(dir.resolve("data"));
    }

    static Invocation train(Path dir, Path data, String... extra) {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString(),
                "--width", "8", "--layers", "1", "--quiet"));
        if (!List.of(extra).contains("--epochs")) {
            args.addAll(List.of("--epochs", "1"));
        }
        args.addAll(List.of(extra));
        return new Invocation(out, args);
    }

    static Invocation eval(Path dir, Path modelDir) {
        return eval(dir, modelDir, goodData());
    }

    static Invocation eval(Path dir, Path modelDir, Path data) {
        Path out = dir.resolve("out.json");
        return new Invocation(out, List.of("eval", "--model", modelDir.toString(), "--data", data.toString(),
                "--out", out.toString()));
    }

    static Invocation predict(Path dir, Path modelDir, Path data) {
        Path out = dir.resolve("out.csv");
        return new Invocation(out, List.of("predict", "--model", modelDir.toString(), "--data", data.toString(),
                "--out", out.toString()));
    }

    static Path copyModel(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("model"));
        for (String f : List.of("model.json", "model.npz", "config.json")) {
            Files.copy(model.resolve(f), copy.resolve(f));
        }
        return copy;
    }

    /** Rewrites an .npz without the entries whose name starts with {@code prefix}. */
    static void rewriteNpzWithout(Path npz, String prefix) {
        var arrays = new java.util.LinkedHashMap<>(org.mla4j.io.Npz.read(npz));
        arrays.keySet().removeIf(k -> k.startsWith(prefix));
        AtomicFiles.write(npz, out -> org.mla4j.io.Npz.write(out, arrays));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
