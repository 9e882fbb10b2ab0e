package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance names the CPU, since results may differ in the last bits between CPU types. */
class ProvenanceCpuTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFirstProcessorsNameFamilyAndModel() throws Exception {
        Path info = dir.resolve("cpuinfo");
        Files.writeString(info, """
                processor\t: 0
                vendor_id\t: GenuineIntel
                cpu family\t: 6
                model\t\t: 207
                model name\t: Intel(R) Xeon(R) Processor
                stepping\t: 2

                processor\t: 1
                cpu family\t: 25
                model\t\t: 1
                model name\t: Other
                """);
        assertThat(Provenance.cpu(info)).isEqualTo("Intel(R) Xeon(R) Processor, family 6 model 207");
    }

    @Test
    void saysUnknownWithoutAReadableName() throws Exception {
        assertThat(Provenance.cpu(dir.resolve("absent"))).isEqualTo("unknown");
        Path info = dir.resolve("cpuinfo");
        Files.writeString(info, "processor\t: 0\nfeatures\t: fp asimd\n");
        assertThat(Provenance.cpu(info)).isEqualTo("unknown");
    }

    @Test
    void isRecordedInEveryRunsProvenance() {
        assertThat(Provenance.collect(java.util.List.of("mla", "train"))).containsKey("cpu");
    }
}
