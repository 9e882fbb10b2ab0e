package org.mla4j.data.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TinyRawDataset} with two text modalities: {@code caption}, written in the index
 * ({@code "source": "inline"}), and {@code note}, a UTF-8 file {@code text/s<i>.txt} per sample
 * ({@code "source": "file"}). {@code extraModalities} (JSON objects) are appended to the manifest's
 * modalities.
 */
public final class TinyTextDataset {
    private TinyTextDataset() {
    }

    public static String caption(int i) {
        return "sample " + i + ", a bar in row " + (i % 3) + (i % 2 == 0 ? ", seen clearly" : "; \"quoted\", faint");
    }

    public static String note(int i) {
        return "Note " + i + ": tone of " + 400 * (i % 3 + 1) + " Hz.\nSecond line, déjà vu.";
    }

    public static List<String> captions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < TinyRawDataset.SAMPLES; i++) {
            out.add(caption(i));
        }
        return out;
    }

    public static List<String> notes() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < TinyRawDataset.SAMPLES; i++) {
            out.add(note(i));
        }
        return out;
    }

    public static String manifest(String extraModalities) {
        return """
            {
              "format": "raw",
              "name": "tiny_text",
              "class_names": ["c0", "c1", "c2"],
              "modalities": [
                {"name": "image", "column": "image", "kind": "image", "preset": "mnist",
                 "params": {"height": 8, "width": 8}},
                {"name": "caption", "kind": "text", "source": "inline"},
                {"name": "note", "kind": "text", "source": "file"}%s
              ]
            }
            """.formatted(extraModalities.isEmpty() ? "" : ",\n    " + extraModalities);
    }

    public static Path write(Path dir) {
        return write(dir, "");
    }

    public static Path write(Path dir, String extraModalities) {
        TinyRawDataset.write(dir);
        try {
            Files.createDirectories(dir.resolve("text"));
            StringBuilder csv = new StringBuilder("id,label,split,audio,image,caption,note\n");
            for (int i = 0; i < TinyRawDataset.SAMPLES; i++) {
                Files.writeString(dir.resolve("text/s" + i + ".txt"), note(i), StandardCharsets.UTF_8);
                csv.append("s").append(i).append(",c").append(i % 3).append(',').append(i % 4 == 3 ? "test" : "train")
                        .append(",audio/s").append(i).append(".wav,image/s").append(i).append(".png,\"")
                        .append(caption(i).replace("\"", "\"\"")).append("\",text/s").append(i).append(".txt\n");
            }
            Files.writeString(dir.resolve("index.csv"), csv.toString(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("manifest.json"), manifest(extraModalities), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
