package org.mla4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;

/** The strict reader's behaviour that the loader tests do not already cover. */
class NpyTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsFloatsAndInts() throws Exception {
        Path f = dir.resolve("f.npy");
        Files.write(f, TestDatasets.floats(new float[] {1.5f, -2, 3, 4, 5, 6}, 2, 3));
        NpyArray a = Npy.read(f);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.dtype()).isEqualTo("<f4");
        assertThat(a.floats()).containsExactly(1.5f, -2, 3, 4, 5, 6);
        Path i = dir.resolve("i.npy");
        Files.write(i, TestDatasets.ints(new int[] {7, -8}, 2));
        assertThat(Npy.read(i).ints()).containsExactly(7, -8);
    }

    @Test
    void headerIsPaddedToSixtyFourBytes() {
        assertThat(Npy.encodeHeader("<f4", false, new long[] {3000, 784}).length % 64).isZero();
    }

    @Test
    void dataTooLargeForOneArrayIsRejectedBeforeReading() throws Exception {
        Path f = dir.resolve("big.npy");
        Files.write(f, TestDatasets.npy("<f4", new long[] {600_000_000}, new byte[4]));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ": declared shape (600000000,) needs 2400000000 bytes, more than mla4j can hold in one array");
    }

    @Test
    void bigEndianIsDecoded() throws Exception {
        Path f = dir.resolve("be.npy");
        Files.write(f, TestDatasets.npy(">i4", new long[] {1}, new byte[] {0, 0, 1, 2}));
        assertThat(Npy.read(f).ints()).containsExactly(258);
    }

    @Test
    void streamErrorsNameTheGivenPath() {
        Path name = Path.of("inside.npz/x.npy");
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("inside.npz/x.npy: truncated");
    }
}
