package org.mla4j.data.raw.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for tests. */
final class WavBytes {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    static byte[] le(int bytes, long value) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    static byte[] fmt(int code, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) code).putShort((short) channels)
                .putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** WAVE_FORMAT_EXTENSIBLE fmt body with a standard sub-format GUID for {@code subCode}. */
    static byte[] fmtExtensible(int subCode, int channels, int rate, int bits, boolean standardGuid) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fmt(0xFFFE, channels, rate, bits));
        b.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4);
        b.putShort((short) subCode);
        byte[] tail = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
            (byte) 0x9B, 0x71};
        if (!standardGuid) {
            tail[13] = 0x72;
        }
        b.put(tail);
        return b.array();
    }

    WavBytes chunk(String id, byte[] body) {
        chunks.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        chunks.writeBytes(le(4, body.length));
        chunks.writeBytes(body);
        if ((body.length & 1) == 1) {
            chunks.write(0);
        }
        return this;
    }

    /** A chunk header declaring {@code declared} bytes followed by only {@code body}. */
    WavBytes shortChunk(String id, int declared, byte[] body) {
        chunks.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        chunks.writeBytes(le(4, declared));
        chunks.writeBytes(body);
        return this;
    }

    byte[] build() {
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le(4, 4 + body.length));
        out.writeBytes("WAVE".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] samples(int bytesPerSample, long... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long v : values) {
            out.writeBytes(le(bytesPerSample, v));
        }
        return out.toByteArray();
    }

    /** A canonical PCM file. */
    static byte[] pcm(int channels, int rate, int bits, long... values) {
        return new WavBytes().chunk("fmt ", fmt(1, channels, rate, bits)).chunk("data", samples(bits / 8, values)).build();
    }
}
