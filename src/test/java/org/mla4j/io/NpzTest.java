package org.mla4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archives mla4j writes: uncompressed entries, as numpy.savez writes them, that read back exactly. */
class NpzTest {
    @TempDir
    Path dir;

    @Test
    void entriesAreStoredWithTheirChecksumsAndReadBack() throws Exception {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("w", new float[] {1.5f, -2, Float.MIN_VALUE, 4, 5, 6});
        arrays.put("b", new float[] {7});
        Map<String, long[]> shapes = Map.of("w", new long[] {2, 3}, "b", new long[] {1});
        Path file = dir.resolve("m.npz");
        try (OutputStream out = Files.newOutputStream(file)) {
            Npz.write(out, arrays, shapes);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            assertThat(entries).extracting(ZipEntry::getName).containsExactly("w.npy", "b.npy");
            for (ZipEntry e : entries) {
                assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED);
                assertThat(e.getCompressedSize()).isEqualTo(e.getSize());
            }
            // 128-byte header (padded to 64) + 6 floats
            assertThat(zip.getEntry("w.npy").getSize()).isEqualTo(128 + 6 * 4);
        }
        Map<String, NpyArray> back = Npz.read(file);
        assertThat(back.get("w").shape()).containsExactly(2, 3);
        assertThat(back.get("w").floats()).containsExactly(arrays.get("w"));
        assertThat(back.get("b").floats()).containsExactly(7f);
    }

    @Test
    void theSameArraysGiveTheSameBytes() throws Exception {
        Map<String, float[]> arrays = Map.of("x", new float[] {0.25f, 3});
        Map<String, long[]> shapes = Map.of("x", new long[] {2});
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        try (OutputStream out = Files.newOutputStream(a)) {
            Npz.write(out, arrays, shapes);
        }
        Thread.sleep(1100); // a timestamp taken from the clock would differ now
        try (OutputStream out = Files.newOutputStream(b)) {
            Npz.write(out, arrays, shapes);
        }
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }
}
