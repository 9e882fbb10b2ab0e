package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.io.InvalidInputException;

class RawIndexTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSharedIndex() {
        Path csv = Path.of("../shared/data/av_mnist_fsdd_raw/index.csv");
        RawIndex index = RawIndex.read(csv);
        assertThat(index.size()).isEqualTo(3000);
        RawIndex.Row r = index.row(0);
        assertThat(r.id()).isEqualTo("0_george_0");
        assertThat(r.label()).isEqualTo("0");
        assertThat(r.split()).isEqualTo("test");
        assertThat(r.speaker()).isEqualTo("george");
        assertThat(r.audio()).exists().hasFileName("0_george_0.wav");
        assertThat(r.image()).exists().hasFileName("0_mnist0708.png");
    }

    @Test
    void quotedFieldsAndOtherColumnOrder() throws IOException {
        Path csv = dir.resolve("index.csv");
        Files.writeString(csv, "label,id,audio,image,extra\n\"3\",\"a,b\",sub/a.wav,\"x \"\"y\"\".png\",z\n\n");
        RawIndex index = RawIndex.read(csv);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.row(0).id()).isEqualTo("a,b");
        assertThat(index.row(0).audio()).isEqualTo(dir.toAbsolutePath().resolve("sub/a.wav"));
        assertThat(index.row(0).image().getFileName().toString()).isEqualTo("x \"y\".png");
        assertThat(index.row(0).split()).isEmpty();
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        Path csv = dir.resolve("index.csv");
        Files.writeString(csv, "id,label,audio\n");
        assertThatThrownBy(() -> RawIndex.read(csv)).isInstanceOf(InvalidInputException.class)
                .hasMessage(csv + ": header lacks the column 'image' (found: id,label,audio)");
        Files.writeString(csv, "id,label,audio,image\na,1,x.wav\n");
        assertThatThrownBy(() -> RawIndex.read(csv)).hasMessage(csv + ": line 2 has 3 fields, the header has 4");
        Files.writeString(csv, "");
        assertThatThrownBy(() -> RawIndex.read(csv)).hasMessageContaining("empty index file");
    }
}
