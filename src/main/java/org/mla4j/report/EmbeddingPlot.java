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
import org.mla4j.eval.EmbeddingProjection;

/**
 * Draws the 2-D PCA picture of embeddings coloured by modality (the paper's Figure 3) from an
 * {@link EmbeddingProjection}: one colour per modality, each modality's centroid a large diamond
 * (joined by a dashed segment, the gap, when there are at most three modalities). Axes say how much
 * of the variance each component explains.
 */
public final class EmbeddingPlot {
    private EmbeddingPlot() {
    }

    /** Draws a projection ({@link EmbeddingProjection}: points and centroids already computed). */
    public static byte[] png(String title, EmbeddingProjection projection) {
        List<EmbeddingProjection.Group> groups = projection.groups();
        XYChart chart = new XYChartBuilder().width(860).height(560).title(title)
                .xAxisTitle(String.format(Locale.ROOT, "PC1 (%.0f %% of variance)", 100 * projection.explained()[0]))
                .yAxisTitle(String.format(Locale.ROOT, "PC2 (%.0f %% of variance)", 100 * projection.explained()[1]))
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        List<double[]> centroids = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            double[][] xy = groups.get(g).points();
            centroids.add(groups.get(g).centroid());
            if (xy.length == 0) {
                continue;
            }
            double[] x = new double[xy.length];
            double[] y = new double[xy.length];
            for (int i = 0; i < xy.length; i++) {
                x[i] = xy[i][0];
                y[i] = xy[i][1];
            }
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
}
