package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * two of them). The bits depend on the CPU's vector
 * instructions (the engine picks its kernels by them), so the file records the CPU it was made on
 * and the test only judges on that kind of CPU. A deliberate change of a method's arithmetic updates
 * its line in the same commit, saying why.
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
        Map<String, String> committed = committed();
        String cpu = committed.get("cpu");
        assumeTrue(cpu.equals(cpu()), "the committed checksums were made on '" + cpu + "', this CPU is '" + cpu()
                + "'");
        assertThat(committed).as("a committed checksum for %s", method).containsKey(method);
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
        assertThat(sha256(run.resolve(ModelFile.PARAMETERS))).as(method).isEqualTo(committed.get(method));
    }

    /** {@code cpu <fingerprint>} and {@code <method> <sha256>} lines. */
    private static Map<String, String> committed() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = ModelChecksumTest.class.getResourceAsStream(FILE)) {
            for (String line : new String(in.readAllBytes()).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] kv = line.trim().split("\\s+", 2);
                    m.put(kv[0], kv[1]);
                }
            }
        }
        return m;
    }

    /** The CPU's vendor and the widest vector extension it has (what decides the engine's kernels). */
    static String cpu() throws IOException {
        String vendor = "unknown";
        String width = "sse";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("vendor_id") && vendor.equals("unknown")) {
                    vendor = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags")) {
                    width = line.contains(" avx512f") ? "avx512" : line.contains(" avx2") ? "avx2" : "sse";
                    break;
                }
            }
        }
        return vendor + "/" + width + "/" + System.getProperty("os.arch");
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
