package org.mla4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Catches misspelt keys in a manifest's JSON object. Manifests may carry descriptive keys for
 * people ({@code description}, {@code source}, {@code license}, …), so an unknown key is not an
 * error by itself; but one that is close to a key the format reads ({@link ClosestName}: edit
 * distance ≤ 2, or a fragment of it) is almost always a typo that would otherwise be silently
 * ignored ({@code "splt"} for {@code "split"} drops the dataset's own split). Such a key is refused
 * with one line naming it and the key it most likely meant.
 */
public final class ManifestKeys {
    private ManifestKeys() {
    }

    /**
     * Refuses a key of {@code node} that is neither in {@code read} nor in {@code descriptive} and is
     * close to one of {@code read}.
     *
     * @param at   the path of {@code node} in messages ({@code ""} for the top level, {@code modalities[0]}, …)
     * @param read the keys the format reads at this place
     * @param descriptive known descriptive keys that resemble a read one (e.g. {@code shape} next to
     *                    {@code sample_shape}) and are therefore allowed by name
     */
    public static void refuseTypos(JsonNode node, Path file, String at, Set<String> read, Set<String> descriptive) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (read.contains(key) || descriptive.contains(key)) {
                continue;
            }
            String meant = ClosestName.to(key, read);
            if (meant != null) {
                throw InvalidInputException.inFile(file, "unknown key \"" + join(at, key) + "\" (did you mean \""
                        + join(at, meant) + "\"?)");
            }
        }
    }

    private static String join(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }
}
