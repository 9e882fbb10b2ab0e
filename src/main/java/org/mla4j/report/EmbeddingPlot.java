package org.mla4j.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mla4j.eval.Pca;

/**
 * A 2-D PCA picture of embeddings coloured by modality (the paper's Figure 3): the
 * L2-normalised embeddings of every modality are projected together on the two leading principal
 * components of their union, one colour per modality, each modality's centroid drawn as a large
 * diamond (joined by a dashed segment, the gap, when there are at most three modalities). Axes say
 * how much of the variance each component explains.
 */
public final class EmbeddingPlot {
    private static final int MAX_POINTS_PER_MODALITY = 2000;

    private EmbeddingPlot() {
    }

    /** One modality's (not yet normalised) embeddings. */
    public record Group(String name, float[][] embeddings) {
    }

    public static byte[] png(String title, List<Group> groups) {
        List<float[][]> normalised = new ArrayList<>();
        int total = 0;
        for (Group g : groups) {
            float[][] n = normalise(thin(g.embeddings()));
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
        XYChart chart = new XYChartBuilder().width(860).height(560).title(title)
                .xAxisTitle(String.format(Locale.ROOT, "PC1 (%.0f %% of variance)", 100 * fit.explainedRatio(0)))
                .yAxisTitle(String.format(Locale.ROOT, "PC2 (%.0f %% of variance)", 100 * fit.explainedRatio(1))).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        List<double[]> centroids = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            double[][] xy = fit.project(normalised.get(g));
            if (xy.length == 0) {
                centroids.add(null);
                continue;
            }
            double[] x = new double[xy.length];
            double[] y = new double[xy.length];
            double cx = 0;
            double cy = 0;
            for (int i = 0; i < xy.length; i++) {
                x[i] = xy[i][0];
                y[i] = xy[i][1];
                cx += x[i];
                cy += y[i];
            }
            centroids.add(new double[] {cx / xy.length, cy / xy.length});
            Color c = SweepPlot.PALETTE[g % SweepPlot.PALETTE.length];
            XYSeries s = chart.addSeries(groups.get(g).name() + " (" + xy.length + ")", x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
        }
        if (groups.size() <= 3) { // the gap itself, as a segment between centroids (more pairs would clutter)
            for (int a = 0; a < groups.size(); a++) {
                for (int b = a + 1; b < groups.size(); b++) {
                    double[] ca = centroids.get(a);
                    double[] cb = centroids.get(b);
                    if (ca == null || cb == null) {
                        continue;
                    }
                    XYSeries s = chart.addSeries("gap " + groups.get(a).name() + " – " + groups.get(b).name(),
                            new double[] {ca[0], cb[0]}, new double[] {ca[1], cb[1]});
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    s.setMarker(SeriesMarkers.NONE);
                    s.setLineColor(Color.BLACK);
                    s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                    s.setShowInLegend(false);
                }
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            double[] c = centroids.get(g);
            if (c == null) {
                continue;
            }
            Color colour = SweepPlot.PALETTE[g % SweepPlot.PALETTE.length].darker().darker();
            XYSeries s = chart.addSeries(groups.get(g).name() + " centroid", new double[] {c[0]}, new double[] {c[1]});
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(colour);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the plot " + title, e);
        }
    }

    /** Every k-th row, so a picture never holds more than {@link #MAX_POINTS_PER_MODALITY} points per modality. */
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

    /** Unit-length copies of the rows; rows of norm zero have no direction and are dropped. */
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
