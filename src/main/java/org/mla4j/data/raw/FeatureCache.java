package org.mla4j.data.raw;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;

/**
 * Where the extracted features of a raw dataset are kept between runs, and the key that says whether
 * they are still valid.
 *
 * <p>The key is SHA-256 over a cache format tag ({@value #FORMAT}), the manifest bytes, each
 * modality's resolved preprocessing parameters ({@link FeatureRecipe#describe()}, so a change of a
 * preset's meaning invalidates old caches), the index bytes, and for every listed file (sample
 * order, modality order) its path relative to the dataset folder, size and modification time, and for
 * text files also the SHA-256 of their bytes (they are small, and a typo fix keeps the size). Text
 * written in the index is covered by the index bytes; a pretrained model file by its SHA-256 in the
 * recipe's parameters. Any edit of the manifest, the index, a media file or a model file therefore
 * gives a new key.
 *
 * <p>Location, in this order: the folder named by the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV} ({@code off} disables the cache) as
 * {@code <that>/<name>-<key16>}; else {@code <dataset>/.mla4j-cache/<key16>} when the dataset folder is
 * writable; else {@code $XDG_CACHE_HOME/mla4j/<name>-<key16>} (default {@code ~/.cache/mla4j}).
 * {@code key16} is the first 16 hex digits of the key; the full key is stored in the cached
 * manifest ({@code source.cache_key}) and compared on reuse.
 */
public final class FeatureCache {
    public static final String FORMAT = "mla4j-feature-cache-1";
    public static final String DIR_NAME = ".mla4j-cache";
    public static final String PROPERTY = "mla4j.cache.dir";
    public static final String ENV = "MLA4J_CACHE_DIR";

    private FeatureCache() {
    }

    /** The cache key of a resolved raw dataset (hex SHA-256). */
    public static String key(byte[] manifestBytes, RawTable table) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
        sha.update(manifestBytes);
        for (RawManifest.Entry e : table.manifest().modalities()) {
            sha.update(Json.write(e.recipe().describe()).getBytes(StandardCharsets.UTF_8));
        }
        try {
            sha.update(Files.readAllBytes(table.indexFile()));
        } catch (IOException e) {
            throw InvalidInputException.inFile(table.indexFile(), "cannot be read (" + e.getMessage() + ")");
        }
        Path base = table.manifest().dir();
        List<RawManifest.Entry> entries = table.manifest().modalities();
        ByteBuffer numbers = ByteBuffer.allocate(16);
        for (int i = 0; i < table.size(); i++) {
            for (int m = 0; m < entries.size(); m++) {
                for (Path p : table.files().get(m).get(i)) {
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class);
                    } catch (NoSuchFileException e) {
                        throw InvalidInputException.inFile(p, "file not found (" + table.indexFile().getFileName() + " line "
                                + table.lines()[i] + ", column '" + entries.get(m).column() + "')");
                    } catch (IOException e) {
                        throw InvalidInputException.inFile(p, "cannot be read (" + e.getMessage() + ")");
                    }
                    sha.update(base.relativize(p.toAbsolutePath()).toString().getBytes(StandardCharsets.UTF_8));
                    numbers.clear();
                    numbers.putLong(a.size()).putLong(a.lastModifiedTime().toMillis());
                    sha.update(numbers.array());
                    if (entries.get(m).recipe().kind() == MediaKind.TEXT) {
                        sha.update(contentDigest(p));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] contentDigest(Path p) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        } catch (IOException e) {
            throw InvalidInputException.inFile(p, "cannot be read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cache folder for a dataset and key, or null when caching is turned off. */
    public static Path location(RawManifest mf, String key) {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        String key16 = key.substring(0, 16);
        if (configured != null && !configured.isBlank()) {
            if (configured.trim().toLowerCase(Locale.ROOT).equals("off")) {
                return null;
            }
            return Path.of(configured).resolve(mf.name() + "-" + key16);
        }
        Path dir = mf.dir();
        Path local = dir.resolve(DIR_NAME);
        if (Files.isWritable(dir) && (!Files.exists(local) || Files.isWritable(local))) {
            return local.resolve(key16);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("mla4j").resolve(mf.name() + "-" + key16);
    }

    /** Whether a folder is a dataset-local cache entry ({@code <dataset>/.mla4j-cache/<key16>}). */
    static boolean isDatasetLocal(Path entry, RawManifest mf) {
        return entry.toAbsolutePath().normalize().getParent().equals(mf.dir().resolve(DIR_NAME).toAbsolutePath().normalize());
    }
}
