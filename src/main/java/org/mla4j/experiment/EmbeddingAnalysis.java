package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.eval.EmbeddingProjection;
import org.mla4j.eval.ModalityGap;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.RunEmbeddings;

/**
 * A finished run's embedding analysis, computed once and kept in its run directory as
 * {@code embeddings.json}: the modality gap of every pair of modalities on the test split (Liang et
 * al. 2022) and the 2-D PCA projection of the L2-normalised embeddings ({@link EmbeddingProjection}).
 * The report draws from this file and computes nothing itself.
 *
 * @param gaps       pair label ({@code "a – b"}) → gap
 * @param projection the picture's points
 */
public record EmbeddingAnalysis(Map<String, Double> gaps, EmbeddingProjection projection) {
    public static final String FILE = "embeddings.json";
    private static final String FORMAT = "mla4j-embeddings";

    /** Computes the analysis of the run in {@code runDir} and writes it there (atomically). */
    public static EmbeddingAnalysis compute(Path runDir, Function<Path, MultimodalDataset> datasets) {
        List<RunEmbeddings.ModalityEmbeddings> present = RunEmbeddings.testSplit(runDir, datasets).stream()
                .filter(e -> e.embeddings().length > 0).toList();
        List<String> names = present.stream().map(RunEmbeddings.ModalityEmbeddings::modality).toList();
        List<float[][]> embeddings = present.stream().map(RunEmbeddings.ModalityEmbeddings::embeddings).toList();
        Map<String, Double> gaps = new LinkedHashMap<>();
        for (ModalityGap.Pair g : ModalityGap.pairs(names, embeddings)) {
            gaps.put(g.label(), g.gap());
        }
        EmbeddingAnalysis a = new EmbeddingAnalysis(gaps, EmbeddingProjection.of(names, embeddings));
        AtomicFiles.writeString(runDir.resolve(FILE), Json.write(a.json()));
        return a;
    }

    /** The analysis saved in {@code runDir}, or null when it has none. */
    public static EmbeddingAnalysis read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw InvalidInputException.inFile(file, "is not an mla4j embedding analysis");
            }
            Map<String, Double> gaps = new LinkedHashMap<>();
            root.get("modality_gap").fields().forEachRemaining(e -> gaps.put(e.getKey(), e.getValue().asDouble()));
            JsonNode p = root.get("projection");
            List<EmbeddingProjection.Group> groups = new ArrayList<>();
            for (JsonNode g : p.get("groups")) {
                double[][] points = Json.MAPPER.treeToValue(g.get("points"), double[][].class);
                JsonNode c = g.get("centroid");
                groups.add(new EmbeddingProjection.Group(g.get("name").asText(), points,
                        c == null || c.isNull() ? null : Json.MAPPER.treeToValue(c, double[].class)));
            }
            return new EmbeddingAnalysis(gaps, new EmbeddingProjection(groups,
                    Json.MAPPER.treeToValue(p.get("explained"), double[].class)));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw InvalidInputException.inFile(file, "is incomplete or malformed (" + e.getMessage() + ")");
        }
    }

    private Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("modality_gap", gaps);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("explained", projection.explained());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (EmbeddingProjection.Group g : projection.groups()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", g.name());
            x.put("points", g.points());
            x.put("centroid", g.centroid());
            groups.add(x);
        }
        p.put("groups", groups);
        m.put("projection", p);
        return m;
    }
}
