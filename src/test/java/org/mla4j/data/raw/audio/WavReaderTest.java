package org.mla4j.data.raw.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.io.InvalidInputException;

class WavReaderTest {
    @TempDir
    Path dir;

    private WavAudio read(byte[] bytes) throws IOException {
        Path f = dir.resolve("t.wav");
        Files.write(f, bytes);
        return WavReader.read(f);
    }

    private void assertRejected(byte[] bytes, String... fragments) throws IOException {
        Path f = dir.resolve("bad.wav");
        Files.write(f, bytes);
        assertThatThrownBy(() -> WavReader.read(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ": ")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void pcm16Mono() throws IOException {
        WavAudio a = read(WavBytes.pcm(1, 8000, 16, 0, 16384, -32768, 32767, -1));
        assertThat(a.sampleRate()).isEqualTo(8000);
        assertThat(a.channels()).isEqualTo(1);
        assertThat(a.bitsPerSample()).isEqualTo(16);
        assertThat(a.encoding()).isEqualTo("PCM");
        assertThat(a.samples()).containsExactly(0f, 0.5f, -1f, 32767f / 32768f, -1f / 32768f);
    }

    @Test
    void pcm8IsUnsignedAroundMidpoint128() throws IOException {
        WavAudio a = read(WavBytes.pcm(1, 11025, 8, 128, 0, 255, 192));
        assertThat(a.sampleRate()).isEqualTo(11025);
        assertThat(a.samples()).containsExactly(0f, -1f, 127f / 128f, 0.5f);
    }

    @Test
    void pcm24And32() throws IOException {
        // 24-bit: v / 2^23; 0x400000 = 2^22 → 0.5; 0xC00000 = −2^22 → −0.5; 0x800000 = −2^23 → −1
        WavAudio a = read(WavBytes.pcm(1, 48000, 24, 0x400000, 0xC00000, 0x800000, 1));
        assertThat(a.samples()).containsExactly(0.5f, -0.5f, -1f, (float) (1 / 8388608.0));
        // 32-bit: v / 2^31
        WavAudio b = read(WavBytes.pcm(1, 44100, 32, 0x40000000L, 0x80000000L, 0xE0000000L));
        assertThat(b.samples()).containsExactly(0.5f, -1f, -0.25f);
    }

    @Test
    void stereoIsAveragedToMono() throws IOException {
        // frames (L, R): (16384, 0), (−32768, 32767 − 1), (8192, 8192)
        WavAudio a = read(WavBytes.pcm(2, 22050, 16, 16384, 0, -32768, 32766, 8192, 8192));
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.samples()).containsExactly(0.25f, (float) ((-32768 + 32766) / 32768.0 / 2), 0.25f);
        // 3 channels of 8-bit
        WavAudio b = read(WavBytes.pcm(3, 8000, 8, 128 + 64, 128, 128 - 64 + 96));
        assertThat(b.samples()).containsExactly((float) ((0.5 + 0 + 0.25) / 3));
    }

    @Test
    void ieeeFloat32And64() throws IOException {
        ByteBuffer f32 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-1.5f).putFloat(0f);
        WavAudio a = read(new WavBytes().chunk("fmt ", WavBytes.fmt(3, 1, 16000, 32)).chunk("data", f32.array()).build());
        assertThat(a.encoding()).isEqualTo("IEEE float");
        assertThat(a.samples()).containsExactly(0.25f, -1.5f, 0f);
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.125).putDouble(0.375);
        WavAudio b = read(new WavBytes().chunk("fmt ", WavBytes.fmt(3, 2, 16000, 64)).chunk("data", f64.array()).build());
        assertThat(b.samples()).containsExactly(0.25f);
    }

    @Test
    void extensiblePcmAndFloat() throws IOException {
        WavAudio a = read(new WavBytes().chunk("fmt ", WavBytes.fmtExtensible(1, 2, 96000, 24, true))
                .chunk("data", WavBytes.samples(3, 0x400000, 0x400000)).build());
        assertThat(a.sampleRate()).isEqualTo(96000);
        assertThat(a.samples()).containsExactly(0.5f);
        ByteBuffer f32 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(-0.75f);
        WavAudio b = read(new WavBytes().chunk("fmt ", WavBytes.fmtExtensible(3, 1, 8000, 32, true))
                .chunk("data", f32.array()).build());
        assertThat(b.samples()).containsExactly(-0.75f);
    }

    @Test
    void unknownChunksAreSkippedInAnyOrder() throws IOException {
        byte[] odd = "odd".getBytes(StandardCharsets.US_ASCII); // 3 bytes + pad byte
        WavAudio a = read(new WavBytes().chunk("LIST", odd).chunk("data", WavBytes.samples(2, 16384))
                .chunk("junk", new byte[10]).chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16)).build());
        assertThat(a.samples()).containsExactly(0.5f);
    }

    @Test
    void realFsddRecordingDecodes() {
        Path f = Path.of("../shared/data/av_mnist_fsdd_raw/audio/0_george_0.wav");
        assertThat(f).as("shared data set beside the project").exists();
        WavAudio a = WavReader.read(f);
        assertThat(a.sampleRate()).isEqualTo(8000);
        assertThat(a.samples()).hasSize(0x12a0 / 2);
        assertThat(a.samples()[0]).isEqualTo((short) 0xfa2f / 32768f);
    }

    @Test
    void emptyAndNonRiffFiles() throws IOException {
        assertRejected(new byte[0], "empty file");
        assertRejected("hello, world\n".getBytes(StandardCharsets.US_ASCII), "not a RIFF/WAVE file", "'hell'");
        assertRejected("RIFF\0\0\0\0".getBytes(StandardCharsets.US_ASCII), "truncated RIFF header", "8 bytes");
        byte[] rifx = WavBytes.pcm(1, 8000, 16, 1);
        rifx[3] = 'X';
        assertRejected(rifx, "big-endian RIFX");
        byte[] avi = WavBytes.pcm(1, 8000, 16, 1);
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        assertRejected(avi, "RIFF file of type 'AVI ', not WAVE");
    }

    @Test
    void truncatedChunks() throws IOException {
        byte[] good = WavBytes.pcm(1, 8000, 16, 1, 2, 3, 4);
        assertRejected(Arrays.copyOf(good, good.length - 3), "truncated data chunk", "declares 8 bytes but only 5 follow");
        assertRejected(Arrays.copyOf(good, 12 + 8 + 10), "truncated fmt chunk", "declares 16 bytes but only 10 follow");
        assertRejected(Arrays.copyOf(good, 12 + 4), "truncated chunk header at byte 12");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16)).shortChunk("data", 100, new byte[4]).build(),
                "truncated data chunk", "declares 100 bytes but only 4 follow");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(1, 2, 8000, 16)).chunk("data", new byte[6]).build(),
                "truncated data chunk", "6 bytes is not a whole number of 4-byte sample frames");
        assertRejected(new WavBytes().chunk("fmt ", Arrays.copyOf(WavBytes.fmt(1, 1, 8000, 16), 14))
                .chunk("data", new byte[2]).build(), "truncated fmt chunk: 14 bytes, at least 16 needed");
        assertRejected(new WavBytes().chunk("fmt ", Arrays.copyOf(WavBytes.fmtExtensible(1, 1, 8000, 16, true), 30))
                .chunk("data", new byte[2]).build(), "WAVE_FORMAT_EXTENSIBLE needs 40 bytes");
    }

    @Test
    void missingChunks() throws IOException {
        assertRejected(new WavBytes().chunk("data", new byte[2]).build(), "missing fmt chunk");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16)).build(), "missing data chunk");
        assertRejected(new WavBytes().build(), "missing fmt chunk");
    }

    @Test
    void unsupportedFormatsAreNamed() throws IOException {
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(6, 1, 8000, 8)).chunk("data", new byte[2]).build(),
                "unsupported audio format A-law (format code 0x0006)");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(7, 1, 8000, 8)).chunk("data", new byte[2]).build(),
                "mu-law (format code 0x0007)");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(2, 1, 8000, 4)).chunk("data", new byte[2]).build(),
                "Microsoft ADPCM (format code 0x0002)");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(0x11, 1, 8000, 4)).chunk("data", new byte[2]).build(),
                "IMA ADPCM (format code 0x0011)");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(0x1234, 1, 8000, 16)).chunk("data", new byte[2]).build(),
                "format code 0x1234");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmtExtensible(6, 1, 8000, 8, true)).chunk("data", new byte[2]).build(),
                "A-law (format code 0x0006)");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmtExtensible(1, 1, 8000, 16, false)).chunk("data", new byte[2]).build(),
                "unsupported WAVE_FORMAT_EXTENSIBLE sub-format");
    }

    @Test
    void badFieldsInFmt() throws IOException {
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(1, 1, 8000, 12)).chunk("data", new byte[2]).build(),
                "unsupported bit depth: 12-bit PCM");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(3, 1, 8000, 16)).chunk("data", new byte[2]).build(),
                "unsupported bit depth: 16-bit IEEE float");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(1, 0, 8000, 16)).chunk("data", new byte[2]).build(),
                "zero channels");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(1, 1, 0, 16)).chunk("data", new byte[2]).build(),
                "sample rate of 0 Hz");
        byte[] fmt = WavBytes.fmt(1, 2, 8000, 16);
        fmt[12] = 2; // block align 2 for 2 × 16-bit
        assertRejected(new WavBytes().chunk("fmt ", fmt).chunk("data", new byte[4]).build(),
                "block align 2 does not match 2 channel(s) of 16 bits");
        ByteBuffer nan = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(3, 1, 8000, 32)).chunk("data", nan.array()).build(),
                "non-finite float sample");
        assertRejected(new WavBytes().chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16)).chunk("fmt ", WavBytes.fmt(1, 1, 8000, 16))
                .chunk("data", new byte[2]).build(), "more than one fmt chunk");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.wav");
        assertThatThrownBy(() -> WavReader.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ": file not found");
    }
}
