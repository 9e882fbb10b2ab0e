package org.mla4j.data.raw.text;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a file that a dependency jar carries (the sentence encoder's model and tokenizer) and checks
 * it is the exact file this mla4j was built and tested with: features computed from another file
 * would silently differ from cached ones, so a different checksum is an error. The last file read
 * is kept (softly: the collector may drop it) so that opening the encoder again, for a second text
 * modality or a second dataset, neither inflates nor hashes it again.
 */
final class BundledResource {
    private static final Map<String, SoftReference<byte[]>> VERIFIED = new ConcurrentHashMap<>();

    private BundledResource() {
    }

    /** The resource's bytes (callers must not modify them), after checking their SHA-256. */
    static byte[] read(String name, String sha256) {
        SoftReference<byte[]> kept = VERIFIED.get(name + "@" + sha256);
        byte[] cached = kept == null ? null : kept.get();
        if (cached != null) {
            return cached;
        }
        byte[] bytes;
        try (InputStream in = BundledResource.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is not on the class path; it comes with "
                        + SentenceEncoder.ARTIFACT);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the resource " + name + " cannot be read (" + e.getMessage() + ")", e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("the resource " + name + " on the class path has SHA-256 " + actual + ", not "
                    + sha256 + " as in " + SentenceEncoder.ARTIFACT + ", which this mla4j was built with");
        }
        VERIFIED.put(name + "@" + sha256, new SoftReference<>(bytes));
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
