package org.mla4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0–3.0), C order only.
 *
 * <p>Reading is strict: a bad magic string, an unparsable header, Fortran order, an unsupported
 * dtype, a declared shape larger than the file or than a Java array can hold, and trailing bytes
 * are each reported as an {@link InvalidInputException} naming the file. Supported dtypes: float32,
 * float64 (narrowed to float32), int8/16/32/64, uint8/16/32, bool (all widened or narrowed to int32,
 * with a range check for int64/uint32).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads a whole {@code .npy} file. */
    public static NpyArray read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(file, "file not found");
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, file, "header");
            pre.flip();
            byte[] magic = new byte[6];
            pre.get(magic);
            for (int i = 0; i < 6; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw InvalidInputException.inFile(file, "not a .npy file (bad magic string)");
                }
            }
            int major = pre.get() & 0xff;
            pre.get(); // minor version: no effect on layout
            long headerLen;
            int prefix;
            if (major == 1) {
                headerLen = pre.getShort() & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                headerLen = pre.getInt() & 0xffffffffL;
                prefix = 12;
            } else {
                throw InvalidInputException.inFile(file, "unsupported .npy format version " + major);
            }
            if (prefix + headerLen > size) {
                throw InvalidInputException.inFile(file, "truncated (header runs past the end of the file)");
            }
            ch.position(prefix);
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, file, "header");
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Header h = parseHeader(header, file);
            long count = 1;
            for (long d : h.shape) {
                count = Math.multiplyExact(count, d);
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw InvalidInputException.inFile(file, "declared shape " + shapeString(h.shape)
                        + " has " + count + " elements, more than mla4j can hold in one array");
            }
            long dataBytes = count * h.itemSize;
            if (dataBytes > Integer.MAX_VALUE - 8) {
                throw InvalidInputException.inFile(file, "declared shape " + shapeString(h.shape)
                        + " needs " + dataBytes + " bytes, more than mla4j can hold in one array");
            }
            long available = size - prefix - headerLen;
            if (available < dataBytes) {
                throw InvalidInputException.inFile(file, "truncated: header declares shape " + shapeString(h.shape)
                        + " (" + dataBytes + " bytes of data) but only " + available + " bytes follow");
            }
            if (available > dataBytes) {
                throw InvalidInputException.inFile(file, "has " + (available - dataBytes)
                        + " bytes more than its declared shape " + shapeString(h.shape) + " needs");
            }
            ByteBuffer data = ByteBuffer.allocate((int) dataBytes).order(h.order);
            readFully(ch, data, file, "data");
            data.flip();
            return decode(h, (int) count, data, file);
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        } catch (ArithmeticException e) {
            throw InvalidInputException.inFile(file, "declared shape is too large");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file, String what) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw InvalidInputException.inFile(file, "truncated (ends inside the " + what + ")");
            }
        }
    }

    private record Header(String descr, char kind, int itemSize, ByteOrder order, long[] shape) {
    }

    private static Header parseHeader(String header, Path file) {
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!header.trim().startsWith("{") || !d.find() || !f.find() || !s.find()) {
            throw InvalidInputException.inFile(file, "malformed .npy header: " + header.trim());
        }
        if (f.group(1).equals("True")) {
            throw InvalidInputException.inFile(file, "is stored in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        String descr = d.group(1);
        if (descr.length() < 3) {
            throw InvalidInputException.inFile(file, "unsupported dtype '" + descr + "'");
        }
        char endian = descr.charAt(0);
        char kind = descr.charAt(1);
        int itemSize;
        try {
            itemSize = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw InvalidInputException.inFile(file, "unsupported dtype '" + descr + "'");
        }
        boolean supported = switch (kind) {
            case 'f' -> itemSize == 4 || itemSize == 8;
            case 'i' -> itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
            case 'u' -> itemSize == 1 || itemSize == 2 || itemSize == 4;
            case 'b' -> itemSize == 1;
            default -> false;
        };
        if (!supported || (endian != '<' && endian != '>' && endian != '|' && endian != '=')) {
            throw InvalidInputException.inFile(file, "unsupported dtype '" + descr
                    + "' (expected float32/float64, a signed or unsigned integer, or bool)");
        }
        ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
            } catch (NumberFormatException e) {
                throw InvalidInputException.inFile(file, "malformed shape in .npy header: (" + s.group(1) + ")");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        for (long dim : shape) {
            if (dim < 0) {
                throw InvalidInputException.inFile(file, "negative dimension in shape " + shapeString(shape));
            }
        }
        return new Header(descr, kind, itemSize, order, shape);
    }

    private static NpyArray decode(Header h, int count, ByteBuffer data, Path file) {
        if (h.kind == 'f') {
            if (h.itemSize == 8) {
                double[] exact = new double[count];
                data.asDoubleBuffer().get(exact);
                return NpyArray.float64(h.shape, h.descr, exact);
            }
            float[] out = new float[count];
            data.asFloatBuffer().get(out);
            return new NpyArray(h.shape, h.descr, out, null);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            long v = switch (h.kind == 'b' ? 'u' : h.kind) {
                case 'i' -> switch (h.itemSize) {
                    case 1 -> data.get();
                    case 2 -> data.getShort();
                    case 4 -> data.getInt();
                    default -> data.getLong();
                };
                default -> switch (h.itemSize) {
                    case 1 -> data.get() & 0xffL;
                    case 2 -> data.getShort() & 0xffffL;
                    default -> data.getInt() & 0xffffffffL;
                };
            };
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw InvalidInputException.inFile(file, "value " + v + " at position " + i + " does not fit in int32");
            }
            out[i] = (int) v;
        }
        return new NpyArray(h.shape, h.descr, null, out);
    }

    public static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** Writes float32 little-endian C-order data with the given shape (format 1.0). */
    public static void writeFloats(OutputStream out, float[] values, long... shape) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        write(out, "<f4", shape, buf.array());
    }

    /** Writes float64 little-endian C-order data with the given shape (format 1.0). */
    public static void writeDoubles(OutputStream out, double[] values, long... shape) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        write(out, "<f8", shape, buf.array());
    }

    /** Writes int32 little-endian C-order data with the given shape (format 1.0). */
    public static void writeInts(OutputStream out, int[] values, long... shape) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        write(out, "<i4", shape, buf.array());
    }

    /** Writes raw little-endian data under an arbitrary header; used to build test fixtures. */
    public static void write(OutputStream out, String descr, long[] shape, byte[] data) throws IOException {
        out.write(encodeHeader(descr, false, shape));
        out.write(data);
    }

    /** The magic string, version and padded header dictionary for a format 1.0 file. */
    public static byte[] encodeHeader(String descr, boolean fortranOrder, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shapeString(shape) + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MAGIC);
        b.write(1);
        b.write(0);
        int len = header.length();
        b.write(len & 0xff);
        b.write((len >> 8) & 0xff);
        b.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    /** Reads a {@code .npy} entry from a stream (e.g. inside a {@code .npz}) by copying it to memory. */
    public static NpyArray read(InputStream in, Path nameForErrors) throws IOException {
        Path tmp = Files.createTempFile("mla4j-", ".npy");
        try {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try {
                return read(tmp);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.getMessage().replace(tmp.toString(), nameForErrors.toString()), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
