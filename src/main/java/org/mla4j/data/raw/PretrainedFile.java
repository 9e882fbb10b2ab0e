package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.data.DatasetFolder;
import org.mla4j.data.raw.pretrained.FrozenModel;
import org.mla4j.io.InvalidInputException;

/**
 * The {@code "pretrained"} model file of a modality entry: a name relative to the dataset folder
 * (absolute names, {@code ..} that climbs out and symbolic links that lead out are refused), ending in
 * {@code .onnx} or {@code .pt}. Its SHA-256 (computed once, when first asked) is part of the
 * modality's {@link FeatureRecipe#describe()}, so replacing the model invalidates cached features.
 */
final class PretrainedFile {
    private final String name;
    private final Path path;
    private final String where;
    private final FrozenModel.Format format;
    private volatile String sha256;

    private PretrainedFile(String name, Path path, String where, FrozenModel.Format format) {
        this.name = name;
        this.path = path;
        this.where = where;
        this.format = format;
    }

    /** The entry's {@code pretrained} file, or null when it has none. */
    static PretrainedFile parse(JsonNode entry, String at, ManifestFields f) {
        if (f.optional(entry, "pretrained") == null) {
            return null;
        }
        String key = ManifestFields.join(at, "pretrained");
        String name = f.string(entry, at, "pretrained", null);
        Path manifestDir = f.file().toAbsolutePath().getParent();
        Path path = new DatasetFolder(manifestDir, f.file()).resolve(name, "key " + key);
        String where = f.file().getFileName() + " key " + key;
        return new PretrainedFile(name, path, where, FrozenModel.formatOf(path, where));
    }

    Path path() {
        return path;
    }

    FrozenModel.Format format() {
        return format;
    }

    /** Where the file is named, e.g. {@code manifest.json key modalities[0].pretrained}. */
    String where() {
        return where;
    }

    String sha256() {
        String s = sha256;
        if (s == null) {
            synchronized (this) {
                if (sha256 == null) {
                    sha256 = digest();
                }
                s = sha256;
            }
        }
        return s;
    }

    private String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(path, "pretrained model file not found (" + where + ")");
        } catch (IOException e) {
            throw InvalidInputException.inFile(path, "cannot be read (" + e.getMessage() + "; " + where + ")");
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The file as recorded in a recipe's description: name, format, SHA-256. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", name);
        d.put("format", format.label());
        d.put("sha256", sha256());
        return d;
    }
}
