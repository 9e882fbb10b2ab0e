package org.mla4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mla4j.io.InvalidInputException;

/**
 * The TorchScript file a modality's encoder starts from and goes on training (a raw manifest's
 * {@code "pretrained": "x.pt", "fine_tune": true}): the modality's rows are then the module's input,
 * and the module (followed by a linear layer to the shared feature size) is the modality's encoder.
 * The file gives the module's structure and initial weights; trained weights live in model files, so
 * the file must still be there, unchanged, when such a model is loaded.
 *
 * @param file   absolute, normalised path of the {@code .pt} file
 * @param sha256 SHA-256 of its bytes, lowercase hex, as it was when the dataset was read
 */
public record PretrainedModule(String file, String sha256) {

    public PretrainedModule {
        if (file == null || file.isBlank() || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a pretrained module needs a file and a SHA-256 (64 hex digits)");
        }
    }

    /** The file as a path. */
    public Path path() {
        return Path.of(file);
    }

    /**
     * The file's bytes, after checking that they are the recorded ones.
     *
     * @param context who needs the file, for messages (e.g. {@code "modality 'image'"})
     * @throws InvalidInputException one sentence naming the file: missing, unreadable, or changed
     */
    public byte[] read(String context) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": the TorchScript module of " + context + " is missing; it gives the"
                    + " encoder's structure, so put the file back where it was (SHA-256 " + sha256 + ")");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": the TorchScript module of " + context + " cannot be read ("
                    + e.getMessage() + ")");
        }
        String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new InvalidInputException(file + ": the TorchScript module of " + context + " has changed (SHA-256 "
                    + actual + ", recorded " + sha256 + "); put back the file it was made with");
        }
        return bytes;
    }

    /** SHA-256 of {@code bytes}, lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
