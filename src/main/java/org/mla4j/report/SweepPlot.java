package org.mla4j.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mla4j.experiment.Comparison;
import org.mla4j.experiment.SweepTable;

/**
 * Plots a {@link SweepTable}: one line per series (mean over seeds, in %) with a translucent band
 * of ± one standard deviation, as a PNG. Series keep their colours in table order, so the same
 * table always gives the same picture.
 */
public final class SweepPlot {
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    private SweepPlot() {
    }

    /**
     * How the plot looks.
     *
     * @param markers whether each point gets a marker (off for long series such as epochs)
     * @param yMin    lower end of the y axis, or NaN to fit the data
     * @param yMax    upper end of the y axis, or NaN to fit the data
     * @param emphasised a series drawn in black with a thicker line (e.g. the fused accuracy among
     *                   modalities), or null
     * @param logX       a logarithmic x axis (every x must be positive), e.g. to see early epochs
     */
    public record Style(int width, int height, boolean markers, double yMin, double yMax, String emphasised,
                        boolean logX) {
        /** 900 × 560 px, markers, axes fitted to the data. */
        public static final Style DEFAULT = new Style(900, 560, true, Double.NaN, Double.NaN, null);

        /** A linear x axis. */
        public Style(int width, int height, boolean markers, double yMin, double yMax, String emphasised) {
            this(width, height, markers, yMin, yMax, emphasised, false);
        }
    }

    public static byte[] png(SweepTable table, String title, String xTitle, String yTitle) {
        return png(table, title, xTitle, yTitle, Style.DEFAULT);
    }

    public static byte[] png(SweepTable table, String title, String xTitle, String yTitle, Style style) {
        XYChart chart = new XYChartBuilder().width(style.width()).height(style.height()).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe0e0e0));
        styler.setYAxisDecimalPattern("0.0");
        if (!Double.isNaN(style.yMin())) {
            styler.setYAxisMin(style.yMin());
        }
        if (!Double.isNaN(style.yMax())) {
            styler.setYAxisMax(style.yMax());
        }
        styler.setXAxisLogarithmic(style.logX());
        int colour = 0;
        for (String s : table.series()) {
            List<Double> x = new ArrayList<>();
            List<Double> mean = new ArrayList<>();
            List<Double> upper = new ArrayList<>();
            List<Double> lower = new ArrayList<>();
            for (double xv : table.xs()) {
                Comparison.Cell c = table.cell(s, xv);
                if (c == null || c.count() == 0) {
                    continue;
                }
                double std = Double.isNaN(c.std()) ? 0 : c.std();
                x.add(xv);
                mean.add(100 * c.mean());
                upper.add(100 * (c.mean() + std));
                lower.add(100 * (c.mean() - std));
            }
            if (x.isEmpty()) {
                continue;
            }
            boolean emphasis = s.equals(style.emphasised());
            Color color = emphasis ? Color.BLACK : PALETTE[colour++ % PALETTE.length];
            if (x.size() > 1) {
                List<Double> bandX = new ArrayList<>(x);
                List<Double> bandY = new ArrayList<>(upper);
                for (int i = x.size() - 1; i >= 0; i--) {
                    bandX.add(x.get(i));
                    bandY.add(lower.get(i));
                }
                XYSeries band = chart.addSeries(s + " ±1 sd", bandX, bandY);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries line = chart.addSeries(s, x, mean);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(style.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            line.setLineStyle(new java.awt.BasicStroke(emphasis ? 3f : 2f)); // solid, whatever the theme's cycle
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the plot " + title, e);
        }
    }
}
