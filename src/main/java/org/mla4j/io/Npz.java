package org.mla4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.mla4j.data.InvalidInputException;
import org.mla4j.data.Npy;
import org.mla4j.data.NpyArray;

/**
 * NumPy {@code .npz} archives (a zip of {@code .npy} entries): how mla4j stores model parameters,
 * so a model can be opened with {@code numpy.load} and loading one never runs code from it.
 */
public final class Npz {
    private Npz() {
    }

    /** Writes float32 arrays by name (names must not contain '/'-escapes; ".npy" is appended). */
    public static void write(OutputStream out, Map<String, float[]> arrays, Map<String, long[]> shapes) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, float[]> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            Npy.writeFloats(zip, e.getValue(), shapes.get(e.getKey()));
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Reads every entry; errors name the archive and the entry. */
    public static Map<String, NpyArray> read(Path file) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (InputStream in = java.nio.file.Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.endsWith(".npy")) {
                    throw InvalidInputException.inFile(file, "entry '" + name + "' is not a .npy array");
                }
                out.put(name.substring(0, name.length() - 4), Npy.read(zip, Path.of(file + ":" + name)));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw InvalidInputException.inFile(file, "file not found");
        } catch (ZipException | java.io.EOFException e) {
            throw InvalidInputException.inFile(file, "is not a valid .npz archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw InvalidInputException.inFile(file, "is empty or not a .npz archive");
        }
        return out;
    }
}
