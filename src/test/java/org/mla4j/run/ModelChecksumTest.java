package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.Methods;
import org.mla4j.settings.Setting;
import org.mla4j.train.EpochListener;

/**
 * A refactoring changes nothing but the code: for every method, a 4-epoch {@code mla train} on the
 * bundled av_mnist_fsdd (every other setting at its default) writes a {@code model.npz} whose
 * SHA-256 is the one committed in {@code model-checksums.txt} (a two-stage method's teacher trains for
 * two of them). The bits depend on the CPU (the engine picks its kernels by its vector instructions and
 * model), so the file holds one section per CPU it was recorded on and the test judges only on a CPU
 * that has a section. A deliberate change of a method's arithmetic updates its line in the same commit,
 * saying why. {@code -Dmla4j.record_checksums=FILE} writes this CPU's lines to FILE instead of judging.
 */
class ModelChecksumTest {
    private static final String FILE = "/org/mla4j/model-checksums.txt";
    private static MultimodalDataset data;

    @TempDir
    Path dir;

    static List<String> methods() {
        return Methods.names();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void aFourEpochRunWritesTheCommittedModelFile(String method) throws Exception {
        String record = System.getProperty("mla4j.record_checksums");
        Map<String, Map<String, String>> sections = committed();
        Map<String, String> committed = sections.get(cpu());
        if (record == null) {
            assumeTrue(committed != null, "checksums were recorded on " + sections.keySet() + ", this CPU is '"
                    + cpu() + "'");
            assertThat(committed).as("a committed checksum for %s", method).containsKey(method);
        }
        if (data == null) {
            data = DatasetLoader.load(Path.of("data", "av_mnist_fsdd"));
        }
        RunConfig config = RunConfig.defaults(data.directory().toString(), method, 0).withEpochs(4);
        for (Setting<?> s : Methods.definition(method).settings()) {
            if (s.key().endsWith("teacher_epochs")) { // two-stage methods: both stages within the 4 epochs
                @SuppressWarnings("unchecked")
                Setting<Integer> teacher = (Setting<Integer>) s;
                config = config.with(teacher, 2);
            }
        }
        RunOutcome outcome = TrainingRun.execute(config, data, EpochListener.NONE);
        Path run = dir.resolve(method);
        RunDirectory.write(run, outcome, Map.of(), false);
        String sha = sha256(run.resolve(ModelFile.PARAMETERS));
        if (record != null) {
            synchronized (ModelChecksumTest.class) {
                Files.writeString(Path.of(record), method + " " + sha + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            return;
        }
        assertThat(sha).as(method).isEqualTo(committed.get(method));
    }

    /** Per {@code cpu <fingerprint>} line, the {@code <method> <sha256>} lines that follow it. */
    private static Map<String, Map<String, String>> committed() throws IOException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        try (InputStream in = ModelChecksumTest.class.getResourceAsStream(FILE)) {
            for (String line : new String(in.readAllBytes()).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] kv = line.trim().split("\\s+", 2);
                    if (kv[0].equals("cpu")) {
                        current = sections.computeIfAbsent(kv[1], k -> new LinkedHashMap<>());
                    } else if (current == null) {
                        throw new IllegalStateException(FILE + ": '" + line + "' comes before any cpu line");
                    } else {
                        current.put(kv[0], kv[1]);
                    }
                }
            }
        }
        return sections;
    }

    /**
     * The CPU's vendor, the widest vector extension it has, the architecture and the CPU family and model
     * (what decides the engine's kernels: two models with the same extensions may get different ones).
     */
    static String cpu() throws IOException {
        String vendor = "unknown";
        String width = "sse";
        String family = "?";
        String model = "?";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            for (String line : Files.readAllLines(info)) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                if (line.startsWith("vendor_id") && vendor.equals("unknown")) {
                    vendor = value;
                } else if (line.startsWith("cpu family") && family.equals("?")) {
                    family = value;
                } else if (line.matches("model\\s*:.*") && model.equals("?")) {
                    model = value;
                } else if (line.startsWith("flags")) {
                    width = line.contains(" avx512f") ? "avx512" : line.contains(" avx2") ? "avx2" : "sse";
                    break;
                }
            }
        }
        return vendor + "/" + width + "/" + System.getProperty("os.arch") + "/" + family + "-" + model;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
