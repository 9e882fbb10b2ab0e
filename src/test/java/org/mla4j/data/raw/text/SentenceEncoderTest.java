package org.mla4j.data.raw.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled all-MiniLM-L6-v2: shape, unit length, determinism, the authors' published similarities, truncation. */
class SentenceEncoderTest {
    private static SentenceEncoder encoder;

    @BeforeAll
    static void open() {
        encoder = SentenceEncoder.bundled(SentenceEncoder.MAX_TOKENS, 1);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static float[] row(float[] rows, int i) {
        return Arrays.copyOfRange(rows, i * SentenceEncoder.DIM, (i + 1) * SentenceEncoder.DIM);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void embeddingsAre384DimensionalUnitVectors() {
        List<String> texts = List.of("A man is eating food.", "", "Zwölf Boxkämpfer jagen Viktor quer über den Sylter Deich.");
        float[] v = encoder.encode(texts);
        assertThat(encoder.dim()).isEqualTo(384);
        assertThat(v).hasSize(3 * 384);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Math.sqrt(dot(row(v, i), row(v, i)))).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void reproducesTheSimilaritiesPublishedBySentenceTransformers() {
        // sbert.net, "Usage" of SentenceTransformer("all-MiniLM-L6-v2"): model.similarity(embeddings, embeddings)
        // prints tensor([[1.0000, 0.6660, 0.1046], [0.6660, 1.0000, 0.1411], [0.1046, 0.1411, 1.0000]])
        float[] v = encoder.encode(List.of("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."));
        assertThat(dot(row(v, 0), row(v, 1))).isCloseTo(0.6660, within(6e-5));
        assertThat(dot(row(v, 0), row(v, 2))).isCloseTo(0.1046, within(6e-5));
        assertThat(dot(row(v, 1), row(v, 2))).isCloseTo(0.1411, within(6e-5));
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        float[] v = encoder.encode(List.of("The cat sat on the mat.", "A cat was sitting on a rug.",
                "Quarterly revenue rose by four percent."));
        assertThat(dot(row(v, 0), row(v, 1))).isGreaterThan(dot(row(v, 0), row(v, 2)) + 0.3);
        assertThat(dot(row(v, 0), row(v, 1))).isGreaterThan(dot(row(v, 1), row(v, 2)) + 0.3);
    }

    @Test
    void theSameTextsGiveTheSameBitsAndBatchCompanyOnlyRounds() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("sample " + i + " says" + " digit".repeat(i % 7));
        }
        float[] a = encoder.encode(texts);
        assertThat(encoder.encode(texts)).containsExactly(a);
        try (SentenceEncoder two = SentenceEncoder.bundled(SentenceEncoder.MAX_TOKENS, 2)) {
            float[] b = two.encode(texts);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-5f));
            }
        }
        float[] alone = encoder.encode(List.of(texts.get(3)));
        float[] inBatch = row(a, 3);
        for (int d = 0; d < SentenceEncoder.DIM; d++) {
            assertThat(alone[d]).isCloseTo(inBatch[d], within(1e-5f));
        }
    }

    @Test
    void textsAreCutAtMaxTokensSpecialTokensIncluded() {
        String longText = "word ".repeat(600);
        try (WordPieceTokenizer t = WordPieceTokenizer.bundled(SentenceEncoder.MAX_TOKENS)) {
            long[] ids = t.ids(longText);
            assertThat(ids).hasSize(256);
            assertThat(ids[0]).isEqualTo(101L);
            assertThat(ids[255]).isEqualTo(102L);
            assertThat(t.ids("The weather is lovely today.")).hasSize(8);
        }
        float[] v = encoder.encode(List.of(longText, longText + "and then something entirely different happens"));
        assertThat(row(v, 1)).containsExactly(row(v, 0));
    }
}
