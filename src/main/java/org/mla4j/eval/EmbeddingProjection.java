package org.mla4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The 2-D picture of embeddings the paper's Figure 3 draws: every modality's embeddings
 * L2-normalised and projected together on the two leading principal components of their union
 * ({@link Pca}), with each modality's centroid in the same coordinates. At most
 * {@link #MAX_POINTS_PER_MODALITY} points per modality are kept (every k-th row), so a picture stays
 * readable; rows of norm zero have no direction and are dropped.
 *
 * @param groups      one entry per modality, in the order given
 * @param explained   the share of the variance each of the two components explains
 */
public record EmbeddingProjection(List<Group> groups, double[] explained) {
    public static final int MAX_POINTS_PER_MODALITY = 2000;

    /** One modality's projected points and centroid (null when it has no point). */
    public record Group(String name, double[][] points, double[] centroid) {
    }

    /** Projects the named modalities' embeddings. */
    public static EmbeddingProjection of(List<String> names, List<float[][]> embeddings) {
        List<float[][]> normalised = new ArrayList<>();
        int total = 0;
        for (float[][] e : embeddings) {
            float[][] n = normalise(thin(e));
            normalised.add(n);
            total += n.length;
        }
        float[][] all = new float[total][];
        int at = 0;
        for (float[][] n : normalised) {
            System.arraycopy(n, 0, all, at, n.length);
            at += n.length;
        }
        Pca.Fit fit = Pca.fit(all, 2);
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            double[][] xy = fit.project(normalised.get(g));
            double[] centroid = null;
            if (xy.length > 0) {
                double cx = 0;
                double cy = 0;
                for (double[] p : xy) {
                    cx += p[0];
                    cy += p[1];
                }
                centroid = new double[] {cx / xy.length, cy / xy.length};
            }
            groups.add(new Group(names.get(g), xy, centroid));
        }
        return new EmbeddingProjection(groups, new double[] {fit.explainedRatio(0), fit.explainedRatio(1)});
    }

    private static float[][] thin(float[][] rows) {
        if (rows.length <= MAX_POINTS_PER_MODALITY) {
            return rows;
        }
        int step = (rows.length + MAX_POINTS_PER_MODALITY - 1) / MAX_POINTS_PER_MODALITY;
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < rows.length; i += step) {
            kept.add(rows[i]);
        }
        return kept.toArray(float[][]::new);
    }

    /** Unit-length copies of the rows; rows of norm zero are dropped. */
    static float[][] normalise(float[][] rows) {
        List<float[]> out = new ArrayList<>();
        for (float[] r : rows) {
            double norm = 0;
            for (float v : r) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                continue;
            }
            float[] u = new float[r.length];
            for (int j = 0; j < r.length; j++) {
                u[j] = (float) (r[j] / norm);
            }
            out.add(u);
        }
        return out.toArray(float[][]::new);
    }
}
