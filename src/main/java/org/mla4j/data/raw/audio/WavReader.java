package org.mla4j.data.raw.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mla4j.io.InvalidInputException;

/**
 * Decodes RIFF/WAVE files to mono float samples.
 *
 * <p>Supported: format code 1 (PCM integer, 8-bit unsigned or 16/24/32-bit signed little-endian),
 * code 3 (IEEE float, 32 or 64 bit), and WAVE_FORMAT_EXTENSIBLE (0xFFFE) whose sub-format GUID is
 * PCM or IEEE float; any number of channels and any sample rate. Chunks other than {@code fmt }
 * and {@code data} are skipped (honouring the pad byte after odd-sized chunks); the RIFF size
 * field is not trusted (many writers get it wrong), the chunk sizes are.
 *
 * <p>Normalisation of a sample {@code v}:
 * <ul>
 *   <li>8-bit: {@code (v − 128)/128}</li>
 *   <li>16-bit: {@code v/32768}</li>
 *   <li>24-bit: {@code v/2^23}</li>
 *   <li>32-bit integer: {@code v/2^31}</li>
 *   <li>float: unchanged (must be finite)</li>
 * </ul>
 * Channels are mixed down as {@code mono[t] = (1/C)·Σ_c x_c[t]} (computed in double).
 *
 * <p>Every malformed file is reported as an {@link InvalidInputException} "{file}: {problem}".
 */
public final class WavReader {
    private static final int PCM = 0x0001;
    private static final int IEEE_FLOAT = 0x0003;
    private static final int EXTENSIBLE = 0xFFFE;
    /** Bytes 2–15 of every standard sub-format GUID {xxxxxxxx-0000-0010-8000-00AA00389B71}. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavReader() {
    }

    /** Reads and decodes a WAV file. */
    public static WavAudio read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(file, "file not found");
        } catch (OutOfMemoryError e) {
            throw InvalidInputException.inFile(file, "too large to decode in memory");
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        }
        return decode(bytes, file);
    }

    private record Format(int code, int channels, int sampleRate, int blockAlign, int bits) {
    }

    /** Decodes the bytes of a WAV file; {@code file} is only used in error messages. */
    public static WavAudio decode(byte[] b, Path file) {
        if (b.length == 0) {
            throw InvalidInputException.inFile(file, "empty file (0 bytes), expected a WAV file");
        }
        if (b.length < 12) {
            throw InvalidInputException.inFile(file, "truncated RIFF header (" + b.length
                    + " bytes; a WAV file starts with a 12-byte RIFF/WAVE header)");
        }
        String riff = fourCc(b, 0);
        if (!riff.equals("RIFF")) {
            String problem = switch (riff) {
                case "RIFX" -> "big-endian RIFX files are not supported, only little-endian RIFF/WAVE";
                case "RF64" -> "RF64 (64-bit RIFF) files are not supported, only RIFF/WAVE";
                default -> "not a RIFF/WAVE file (starts with " + printable(riff) + " instead of RIFF)";
            };
            throw InvalidInputException.inFile(file, problem);
        }
        String form = fourCc(b, 8);
        if (!form.equals("WAVE")) {
            throw InvalidInputException.inFile(file, "RIFF file of type " + printable(form) + ", not WAVE");
        }
        Format fmt = null;
        int dataOffset = -1;
        int dataLength = 0;
        int pos = 12;
        while (pos < b.length) {
            int remaining = b.length - pos;
            if (remaining < 8) {
                if (fmt != null && dataOffset >= 0) {
                    break; // a few stray trailing bytes after complete chunks
                }
                throw InvalidInputException.inFile(file, "truncated chunk header at byte " + pos
                        + " (" + remaining + " bytes left, 8 needed)");
            }
            String id = fourCc(b, pos);
            long size = u32(b, pos + 4);
            int body = pos + 8;
            long available = b.length - body;
            if (size > available) {
                String what = switch (id) {
                    case "data" -> "truncated data chunk";
                    case "fmt " -> "truncated fmt chunk";
                    default -> "truncated " + printable(id) + " chunk at byte " + pos;
                };
                throw InvalidInputException.inFile(file, what + ": its header declares " + size
                        + " bytes but only " + available + " follow");
            }
            if (id.equals("fmt ")) {
                if (fmt != null) {
                    throw InvalidInputException.inFile(file, "more than one fmt chunk");
                }
                fmt = parseFormat(b, body, (int) size, file);
            } else if (id.equals("data")) {
                if (dataOffset >= 0) {
                    throw InvalidInputException.inFile(file, "more than one data chunk");
                }
                dataOffset = body;
                dataLength = (int) size;
            }
            pos = (int) Math.min((long) b.length, body + size + (size & 1));
        }
        if (fmt == null) {
            throw InvalidInputException.inFile(file, "missing fmt chunk (no audio format description)");
        }
        if (dataOffset < 0) {
            throw InvalidInputException.inFile(file, "missing data chunk (no audio samples)");
        }
        if (dataLength % fmt.blockAlign != 0) {
            throw InvalidInputException.inFile(file, "truncated data chunk: " + dataLength
                    + " bytes is not a whole number of " + fmt.blockAlign + "-byte sample frames");
        }
        return new WavAudio(mixDown(b, dataOffset, dataLength / fmt.blockAlign, fmt, file), fmt.sampleRate,
                fmt.channels, fmt.bits, fmt.code == PCM ? "PCM" : "IEEE float");
    }

    private static Format parseFormat(byte[] b, int off, int size, Path file) {
        if (size < 16) {
            throw InvalidInputException.inFile(file, "truncated fmt chunk: " + size + " bytes, at least 16 needed");
        }
        int code = u16(b, off);
        int channels = u16(b, off + 2);
        long rate = u32(b, off + 4);
        int blockAlign = u16(b, off + 12);
        int bits = u16(b, off + 14);
        if (code == EXTENSIBLE) {
            if (size < 40) {
                throw InvalidInputException.inFile(file, "truncated fmt chunk: WAVE_FORMAT_EXTENSIBLE needs 40 bytes, has "
                        + size);
            }
            int subCode = u16(b, off + 24);
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b[off + 26 + i] != GUID_TAIL[i]) {
                    throw InvalidInputException.inFile(file, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format (non-standard GUID "
                            + guid(b, off + 24) + ")");
                }
            }
            code = subCode;
        }
        if (code != PCM && code != IEEE_FLOAT) {
            throw InvalidInputException.inFile(file, "unsupported audio format " + formatName(code)
                    + String.format(" (format code 0x%04X); only PCM integer and IEEE float WAV files are supported", code));
        }
        if (channels == 0) {
            throw InvalidInputException.inFile(file, "fmt chunk declares zero channels");
        }
        if (rate == 0) {
            throw InvalidInputException.inFile(file, "fmt chunk declares a sample rate of 0 Hz");
        }
        if (rate > Integer.MAX_VALUE) {
            throw InvalidInputException.inFile(file, "implausible sample rate " + rate + " Hz");
        }
        boolean bitsOk = code == PCM ? (bits == 8 || bits == 16 || bits == 24 || bits == 32) : (bits == 32 || bits == 64);
        if (!bitsOk) {
            throw InvalidInputException.inFile(file, "unsupported bit depth: " + bits + "-bit "
                    + (code == PCM ? "PCM (supported: 8, 16, 24, 32)" : "IEEE float (supported: 32, 64)"));
        }
        if (blockAlign != channels * (bits / 8)) {
            throw InvalidInputException.inFile(file, "fmt chunk block align " + blockAlign + " does not match "
                    + channels + " channel(s) of " + bits + " bits (" + channels * (bits / 8) + " bytes expected)");
        }
        return new Format(code, channels, (int) rate, blockAlign, bits);
    }

    private static float[] mixDown(byte[] b, int off, int frames, Format f, Path file) {
        float[] out = new float[frames];
        int bytes = f.bits / 8;
        int p = off;
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int c = 0; c < f.channels; c++) {
                double v;
                if (f.code == PCM) {
                    v = switch (bytes) {
                        case 1 -> ((b[p] & 0xff) - 128) / 128.0;
                        case 2 -> (short) ((b[p] & 0xff) | (b[p + 1] << 8)) / 32768.0;
                        case 3 -> ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16)) / 8388608.0;
                        default -> ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16)
                                | (b[p + 3] << 24)) / 2147483648.0;
                    };
                } else {
                    v = bytes == 4 ? Float.intBitsToFloat((int) u32(b, p)) : Double.longBitsToDouble(u64(b, p));
                    if (!Double.isFinite(v)) {
                        throw InvalidInputException.inFile(file, "non-finite float sample (" + v + ") at frame " + t
                                + ", channel " + c);
                    }
                }
                sum += v;
                p += bytes;
            }
            out[t] = (float) (f.channels == 1 ? sum : sum / f.channels);
        }
        return out;
    }

    /** A readable name for a WAVE format code, e.g. "A-law" for 0x0006. */
    static String formatName(int code) {
        return switch (code) {
            case 0x0000 -> "unknown/0";
            case 0x0001 -> "PCM";
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0003 -> "IEEE float";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MPEG Layer 3 (MP3)";
            case 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            case 0x00FF, 0x1610 -> "AAC";
            case 0xF1AC -> "FLAC";
            default -> "with unknown format code";
        };
    }

    private static String fourCc(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02X", (int) c));
            }
        }
        return sb.append('\'').toString();
    }

    private static String guid(byte[] b, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(String.format("%02X", b[off + i]));
        }
        return sb.toString();
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8);
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | ((b[off + 1] & 0xffL) << 8) | ((b[off + 2] & 0xffL) << 16) | ((b[off + 3] & 0xffL) << 24);
    }

    private static long u64(byte[] b, int off) {
        return u32(b, off) | (u32(b, off + 4) << 32);
    }
}
