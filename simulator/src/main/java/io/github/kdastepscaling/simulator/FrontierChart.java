package io.github.kdastepscaling.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@code frontier.png}: every policy the search simulated, KPU-hours (over the training part) against the largest
 * delay over the training part (delay on a log axis, at least 1 s), the nominal frontier (no other candidate has both
 * less delay and fewer KPU-hours), and when the search was stressed the robust frontier: the same over the worst case
 * of the variants, for the candidates simulated on all of them. The target, the recommendation and the defaults (each
 * at its nominal and its worst-case delay). Rendered headless.
 */
public final class FrontierChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private FrontierChart() {}

    public static void write(Tuner.Result result, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("largest processing delay (s, log)")
                .yAxisTitle("KPU-hours")
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(8);

        List<Tuner.Evaluation> all = result.evaluated();
        series(chart, "candidates (" + all.size() + ")", all, new Color(150, 150, 150, 120));
        XYSeries line = series(
                chart,
                result.stressed() ? "nominal frontier" : "frontier",
                frontier(all, Tuner.Evaluation::maxDelaySeconds),
                Tuner.Evaluation::maxDelaySeconds,
                new Color(44, 160, 44));
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setLineStyle(new BasicStroke(1.5f));
        if (result.stressed()) {
            List<Tuner.Evaluation> complete =
                    all.stream().filter(Tuner.Evaluation::complete).toList();
            XYSeries robust = series(
                    chart,
                    "robust frontier (worst case, " + complete.size() + " fully judged)",
                    frontier(complete, Tuner.Evaluation::worstDelaySeconds),
                    Tuner.Evaluation::worstDelaySeconds,
                    new Color(255, 127, 14));
            robust.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            robust.setLineStyle(new BasicStroke(1.5f));
        }
        double low = all.stream().mapToDouble(Tuner.Evaluation::kpuHours).min().orElse(0);
        double high = all.stream().mapToDouble(Tuner.Evaluation::kpuHours).max().orElse(1);
        XYSeries target = chart.addSeries(
                "target",
                new double[] {delay(result.maxDelaySeconds()), delay(result.maxDelaySeconds())},
                new double[] {low, high});
        target.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        target.setLineColor(new Color(214, 39, 40));
        target.setLineStyle(
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        target.setMarker(SeriesMarkers.NONE);
        markers(chart, result, "", Tuner.Evaluation::maxDelaySeconds, new Color(31, 119, 180), new Color(214, 39, 40));
        if (result.stressed()) {
            markers(
                    chart,
                    result,
                    ", worst case",
                    Tuner.Evaluation::worstDelaySeconds,
                    new Color(140, 190, 230),
                    new Color(240, 150, 150));
        }
        // The one-chart overloads are deprecated in XChart 4; a grid of one is the same picture.
        BitmapEncoder.saveBitmap(List.of(chart), 1, 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The candidates no other beats on both delay and KPU-hours, by increasing delay. */
    static List<Tuner.Evaluation> frontier(List<Tuner.Evaluation> all, ToDoubleFunction<Tuner.Evaluation> delay) {
        List<Tuner.Evaluation> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(delay).thenComparingDouble(Tuner.Evaluation::kpuHours));
        List<Tuner.Evaluation> frontier = new ArrayList<>();
        double cheapest = Double.POSITIVE_INFINITY;
        for (Tuner.Evaluation e : sorted) {
            if (e.kpuHours() < cheapest) {
                frontier.add(e);
                cheapest = e.kpuHours();
            }
        }
        return frontier;
    }

    private static XYSeries series(XYChart chart, String name, List<Tuner.Evaluation> points, Color color) {
        return series(chart, name, points, Tuner.Evaluation::maxDelaySeconds, color);
    }

    private static XYSeries series(
            XYChart chart,
            String name,
            List<Tuner.Evaluation> points,
            ToDoubleFunction<Tuner.Evaluation> delay,
            Color color) {
        double[] x = new double[Math.max(1, points.size())];
        double[] y = new double[x.length];
        for (int i = 0; i < points.size(); i++) {
            x[i] = delay(delay.applyAsDouble(points.get(i)));
            y[i] = points.get(i).kpuHours();
        }
        if (points.isEmpty()) {
            x[0] = 1;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarkerColor(color);
        series.setLineColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /** The defaults' and the recommendation's points by one measure of delay, named with {@code suffix}. */
    private static void markers(
            XYChart chart,
            Tuner.Result result,
            String suffix,
            ToDoubleFunction<Tuner.Evaluation> delay,
            Color defaults,
            Color recommendation) {
        // each a series of one point, drawn as a diamond
        result.defaults()
                .ifPresent(d -> series(chart, "defaults" + suffix, List.of(d), delay, defaults)
                        .setMarker(SeriesMarkers.DIAMOND));
        series(chart, "recommendation" + suffix, List.of(result.best()), delay, recommendation)
                .setMarker(SeriesMarkers.DIAMOND);
    }

    private static double delay(double seconds) {
        return Math.max(1, seconds);
    }
}
