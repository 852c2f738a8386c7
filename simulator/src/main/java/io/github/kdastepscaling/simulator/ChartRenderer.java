package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code chart.png}: one panel per policy, stacked, sharing the time axis. Each panel shows the load and the
 * rate the running capacity can process (0 while restarting) in records per second on the left axis, the lag (the
 * age of the oldest unprocessed record, seconds; a restart minute, which has no datapoint, repeats the previous
 * minute's) on the first right axis, and the backlog in records, shaded over the lag line, on the second right axis.
 * When scheduled actions moved the policy under test's range, its panel also draws the range in effect (minimum and
 * maximum, as KPUs x rate, each its own style; a maximum above the chart is drawn at its top). A policy that learns
 * its per-KPU rate also shows the capacity it believes it runs (KPUs x the learned rate, dashed), beside the true one.
 *
 * <p>Read at a glance: the x-axis is wall-clock time (UTC) whenever the trace has it (an export, {@code --start}),
 * else hours since the start; ticks are chosen for the length, hours to weeks. Every panel has the same axes and
 * compact tick labels, so the plot areas line up; the legend is below the plot, hiding nothing. A trace longer
 * than the plot is wide is drawn one point per pixel column, the column's largest load, backlog and lag and smallest
 * processing rate, so a 30-minute burst or a restart stays visible on a week. Rendered headless.
 */
public final class ChartRenderer {

    private static final int WIDTH = 1400;
    private static final int PANEL_HEIGHT = 340;
    /** About the plot's width in pixels: longer traces are drawn one point per column. */
    static final int MAX_POINTS = 1200;

    private static final Color LOAD = new Color(31, 119, 180);
    private static final Color CAPACITY = new Color(44, 160, 44);
    private static final Color BACKLOG = new Color(214, 39, 40, 70);
    private static final Color RANGE_MIN = new Color(90, 90, 90);
    private static final Color RANGE_MAX = new Color(0, 0, 0);
    private static final Color LAG = new Color(148, 103, 189);
    private static final Color LEARNED = new Color(255, 127, 14);
    private static final DoubleBinaryOperator MAX = Math::max;
    private static final DoubleBinaryOperator MIN = Math::min;

    private ChartRenderer() {}

    public static void write(Report report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int length = report.trace().length();
        double maxRate = report.trace().peak();
        for (PolicyResult result : report.results()) {
            for (double rate : result.workload().processingRate()) {
                maxRate = Math.max(maxRate, rate);
            }
        }
        TimeAxis axis = TimeAxis.of(report.trace(), (length + MAX_POINTS - 1) / MAX_POINTS);
        List<XYChart> charts = new ArrayList<>();
        for (PolicyResult result : report.results()) {
            charts.add(panel(report, result, axis, maxRate * 1.05));
        }
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The x values, one per bucket of {@code bucket} minutes: dates when the trace has a start, else hours. */
    record TimeAxis(int minutes, int bucket, Instant start) {

        static TimeAxis of(Trace trace, int bucket) {
            return new TimeAxis(
                    trace.length(), Math.max(1, bucket), trace.start().orElse(null));
        }

        int points() {
            return (minutes + bucket - 1) / bucket;
        }

        List<Object> xs() {
            List<Object> xs = new ArrayList<>(points());
            for (int p = 0; p < points(); p++) {
                int minute = p * bucket;
                xs.add(
                        start == null
                                ? (Object) (minute / 60.0)
                                : (Object) Date.from(start.plus(Duration.ofMinutes(minute))));
            }
            return xs;
        }

        String title() {
            return start == null ? "hours since the start of the trace" : "time (UTC)";
        }

        /** Ticks a person reads: the time of day within a day, the weekday and hour within a few, the date beyond. */
        String datePattern() {
            if (minutes <= 26 * 60) {
                return "HH:mm";
            }
            return minutes <= 4 * 24 * 60 ? "EEE HH:mm" : "EEE d MMM";
        }

        /** Per bucket, the values of the bucket's minutes combined with {@code combine}. */
        List<Double> aggregate(double[] values, DoubleBinaryOperator combine) {
            List<Double> ys = new ArrayList<>(points());
            for (int p = 0; p < points(); p++) {
                double v = values[p * bucket];
                for (int m = p * bucket + 1; m < Math.min(minutes, (p + 1) * bucket); m++) {
                    v = combine.applyAsDouble(v, values[m]);
                }
                ys.add(v);
            }
            return ys;
        }
    }

    private static XYChart panel(Report report, PolicyResult result, TimeAxis axis, double yMax) {
        PolicySummary s = result.summary();
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(PANEL_HEIGHT)
                .title(String.format(
                        Locale.ROOT,
                        "%s (%s): %.1f KPU-h, backlog %d min, max delay %.0f s, "
                                + "max lag %.0f s, %d rescales (%d by the guard)",
                        s.name(),
                        report.trace().name(),
                        s.kpuHours(),
                        s.minutesWithBacklog(),
                        s.maxProcessingDelaySeconds(),
                        s.maxLagSeconds(),
                        s.rescales(),
                        s.lagGuardScaleOuts()))
                .xAxisTitle(axis.title()
                        + (axis.bucket() > 1
                                ? " (each point: the largest of " + axis.bucket()
                                        + " minutes; processing rate: the smallest)"
                                : ""))
                .build();
        Styler.LegendPosition below = Styler.LegendPosition.OutsideS;
        chart.getStyler().setLegendPosition(below);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
        chart.getStyler().setDatePattern(axis.datePattern());
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setXAxisTickMarkSpacingHint(110);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(ChartRenderer::tickLabel);
        if (axis.start() == null) {
            chart.getStyler()
                    .setXAxisTickLabelsFormattingFunction(hours -> String.format(Locale.ROOT, "%,.0f h", hours));
        }
        chart.getStyler().setYAxisMin(0, 0.0);
        chart.getStyler().setYAxisMax(0, yMax);
        chart.setYAxisGroupTitle(0, "records/s");
        List<Object> xs = axis.xs();

        XYSeries loadSeries = chart.addSeries("load (records/s)", xs, axis.aggregate(load(report.trace()), MAX));
        loadSeries.setLineColor(LOAD);
        loadSeries.setLineStyle(new BasicStroke(1.2f));

        XYSeries capacity = chart.addSeries(
                "processing capacity (0 while restarting)",
                xs,
                axis.aggregate(result.workload().processingRate(), MIN));
        capacity.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        capacity.setLineColor(CAPACITY);
        capacity.setLineStyle(new BasicStroke(2f));

        if (result.learned() && !Double.isNaN(result.learnedRate()[axis.minutes() - 1])) {
            // what the scaler believes the running KPUs process, beside what they really do
            double[] believed = new double[axis.minutes()];
            for (int m = 0; m < believed.length; m++) {
                believed[m] = Math.min(
                        yMax, result.learnedRate()[m] * result.workload().capacities()[m]);
            }
            XYSeries learned =
                    chart.addSeries("capacity the scaler believes (learned rate)", xs, axis.aggregate(believed, MAX));
            learned.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            learned.setLineColor(LEARNED);
            learned.setLineStyle(
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f));
            chart.setTitle(chart.getTitle()
                    + String.format(
                            Locale.ROOT, "; learned %.0f rec/s per KPU", result.learnedRate()[axis.minutes() - 1]));
        }
        if (result.name().equals(Simulator.POLICY_UNDER_TEST)
                && !report.rangeChanges().isEmpty()) {
            addRange(chart, report, axis, xs, yMax);
        }

        double[] lagSeconds = new double[axis.minutes()];
        double maxLag = 0;
        for (int m = 0; m < lagSeconds.length; m++) {
            double lag = result.workload().lagMillis()[m];
            // no datapoint while restarting: drawn as 0 would hide the jump; the previous minute's value instead
            lagSeconds[m] = Double.isNaN(lag) ? (m == 0 ? 0 : lagSeconds[m - 1]) : lag / 1000;
            maxLag = Math.max(maxLag, lagSeconds[m]);
        }
        // Every panel has both right axes, so the plot areas line up whatever the policy did.
        XYSeries lagSeries = chart.addSeries("lag (s, right)", xs, axis.aggregate(lagSeconds, MAX));
        lagSeries.setYAxisGroup(1);
        lagSeries.setLineColor(LAG);
        lagSeries.setLineStyle(new BasicStroke(1.4f));
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "lag (s)");
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, Math.max(1.0, maxLag * 1.1));

        // Drawn last, over the lag line, translucent: a backlog is never hidden under another series.
        double[] backlog = result.workload().backlog();
        double maxBacklog = 0;
        for (double b : backlog) {
            maxBacklog = Math.max(maxBacklog, b);
        }
        XYSeries backlogSeries = chart.addSeries("backlog (records, far right)", xs, axis.aggregate(backlog, MAX));
        backlogSeries.setYAxisGroup(2);
        backlogSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        backlogSeries.setFillColor(BACKLOG);
        backlogSeries.setLineColor(new Color(214, 39, 40, 160));
        chart.getStyler().setYAxisGroupPosition(2, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(2, "backlog (records)");
        chart.getStyler().setYAxisMin(2, 0.0);
        chart.getStyler().setYAxisMax(2, Math.max(1.0, maxBacklog * 1.1));
        return chart;
    }

    /** Compact, so every panel's axes are about as wide: "7.4k", "12M", "350". */
    static String tickLabel(double value) {
        double magnitude = Math.abs(value);
        String text;
        if (magnitude >= 1e6) {
            text = trim(value / 1e6) + "M";
        } else if (magnitude >= 1e4) {
            text = trim(value / 1e3) + "k";
        } else {
            text = trim(value);
        }
        return text;
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private static double[] load(Trace trace) {
        double[] load = new double[trace.length()];
        for (int m = 0; m < load.length; m++) {
            load[m] = trace.load(m);
        }
        return load;
    }

    private static void addRange(XYChart chart, Report report, TimeAxis axis, List<Object> xs, double yMax) {
        double rate = report.settings().trueRecordsPerSecondPerKpu();
        double[] low = new double[axis.minutes()];
        double[] high = new double[axis.minutes()];
        CapacityRange range = report.settings().policy().capacityRange();
        int next = 0;
        for (int m = 0; m < low.length; m++) {
            while (next < report.rangeChanges().size()
                    && report.rangeChanges().get(next).minute() <= m) {
                range = report.rangeChanges().get(next++).range();
            }
            low[m] = Math.min(yMax, range.minCapacity() * rate);
            high[m] = Math.min(yMax, range.maxCapacity() * rate);
        }
        XYSeries minimum = chart.addSeries("scheduled minimum", xs, axis.aggregate(low, MIN));
        minimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        minimum.setLineColor(RANGE_MIN);
        minimum.setLineStyle(
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
        XYSeries maximum = chart.addSeries("scheduled maximum", xs, axis.aggregate(high, MAX));
        maximum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        maximum.setLineColor(RANGE_MAX);
        maximum.setLineStyle(new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {12f, 4f, 2f, 4f}, 0f));
    }
}
