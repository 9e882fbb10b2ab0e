package org.mla4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.mla4j.io.InvalidInputException;

/**
 * SHA-256 of a dataset's content: the bytes of the given files concatenated in the given order, as
 * lowercase hex. For a loaded dataset the order is manifest, labels, the modality files in manifest
 * order, the presence file (if any), train indices, test indices (if the manifest names a split), so
 * {@code cat <those files> | sha256sum} gives the same value.
 */
public final class DatasetChecksum {
    private DatasetChecksum() {
    }

    /** SHA-256 over the files' bytes, in order. */
    public static String sha256(List<Path> files) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw InvalidInputException.inFile(file, "cannot be read for the checksum (" + e.getMessage() + ")");
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
