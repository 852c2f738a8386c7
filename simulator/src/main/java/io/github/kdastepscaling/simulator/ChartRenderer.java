package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code chart.png}: one panel per policy, stacked, sharing the time axis. Each panel shows the load and the
 * rate the running capacity can process (0 while restarting) in records per second on the left axis, and the
 * backlog in records, shaded, on the right axis, and the lag (the age of the oldest unprocessed record, seconds; a
 * restart minute, which has no datapoint, repeats the previous minute's) on a second right axis. When scheduled actions moved the policy under test's range, its
 * panel also draws the range in effect (minimum and maximum, as KPUs x rate, dashed; a maximum above the chart is
 * drawn at its top). A policy that learns its per-KPU rate also shows the capacity it believes it runs (KPUs x the
 * learned rate, dotted), beside the true one. Rendered headless.
 */
public final class ChartRenderer {

    private static final int WIDTH = 1400;
    private static final int PANEL_HEIGHT = 300;
    private static final Color LOAD = new Color(31, 119, 180);
    private static final Color CAPACITY = new Color(44, 160, 44);
    private static final Color BACKLOG = new Color(214, 39, 40, 90);
    private static final Color RANGE = new Color(127, 127, 127);
    private static final Color LAG = new Color(148, 103, 189);
    private static final Color LEARNED = new Color(255, 127, 14);

    private ChartRenderer() {
    }

    public static void write(Report report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] minutes = new double[report.trace().length()];
        double[] load = new double[minutes.length];
        double maxRate = report.trace().peak();
        for (int m = 0; m < minutes.length; m++) {
            minutes[m] = m;
            load[m] = report.trace().load(m);
        }
        for (PolicyResult result : report.results()) {
            for (double rate : result.workload().processingRate()) {
                maxRate = Math.max(maxRate, rate);
            }
        }
        List<XYChart> charts = new ArrayList<>();
        for (PolicyResult result : report.results()) {
            charts.add(panel(report, result, minutes, load, maxRate * 1.05));
        }
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart panel(Report report, PolicyResult result, double[] minutes, double[] load, double yMax) {
        PolicySummary s = result.summary();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                .title(String.format(Locale.ROOT, "%s (%s): %.1f KPU-hours, %d minutes with backlog, max delay %.0f s, "
                                + "max lag %.0f s, %d rescales (%d by the lag guard)", s.name(), report.trace().name(),
                        s.kpuHours(), s.minutesWithBacklog(), s.maxProcessingDelaySeconds(), s.maxLagSeconds(),
                        s.rescales(), s.lagGuardScaleOuts()))
                .xAxisTitle("minute").yAxisTitle("records/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getStyler().setYAxisMin(0, 0.0);
        chart.getStyler().setYAxisMax(0, yMax);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(0, "records/s");
        chart.setYAxisGroupTitle(1, "backlog (records)");
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);

        double[] backlog = result.workload().backlog();
        double maxBacklog = 0;
        for (double b : backlog) {
            maxBacklog = Math.max(maxBacklog, b);
        }
        XYSeries backlogSeries = chart.addSeries("backlog (records, right axis)", minutes, backlog);
        backlogSeries.setYAxisGroup(1);
        backlogSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        backlogSeries.setFillColor(BACKLOG);
        backlogSeries.setLineColor(BACKLOG);
        chart.getStyler().setYAxisMax(1, Math.max(1.0, maxBacklog * 1.1));

        XYSeries loadSeries = chart.addSeries("load (records/s)", minutes, load);
        loadSeries.setLineColor(LOAD);
        loadSeries.setLineStyle(new BasicStroke(1.2f));

        XYSeries capacity = chart.addSeries("processing capacity (KPUs x rate, 0 while restarting)", minutes,
                result.workload().processingRate());
        capacity.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        capacity.setLineColor(CAPACITY);
        capacity.setLineStyle(new BasicStroke(2f));

        double[] lagSeconds = new double[minutes.length];
        double maxLag = 0;
        for (int m = 0; m < minutes.length; m++) {
            double lag = result.workload().lagMillis()[m];
            // no datapoint while restarting: drawn as 0 would hide the jump; the previous minute's value instead
            lagSeconds[m] = Double.isNaN(lag) ? (m == 0 ? 0 : lagSeconds[m - 1]) : lag / 1000;
            maxLag = Math.max(maxLag, lagSeconds[m]);
        }
        if (maxLag > 0) {
            XYSeries lagSeries = chart.addSeries("lag (s, far right axis)", minutes, lagSeconds);
            lagSeries.setYAxisGroup(2);
            lagSeries.setLineColor(LAG);
            lagSeries.setLineStyle(new BasicStroke(1f));
            chart.getStyler().setYAxisGroupPosition(2, Styler.YAxisPosition.Right);
            chart.setYAxisGroupTitle(2, "lag (s)");
            chart.getStyler().setYAxisMin(2, 0.0);
            chart.getStyler().setYAxisMax(2, maxLag * 1.1);
        }

        if (result.learned()) {
            // what the scaler believes the running KPUs process, beside what they really do
            double[] believed = new double[minutes.length];
            for (int m = 0; m < minutes.length; m++) {
                believed[m] = Math.min(yMax, result.learnedRate()[m] * result.workload().capacities()[m]);
            }
            XYSeries learned = chart.addSeries("learned capacity (KPUs x learned rate per KPU)", minutes, believed);
            learned.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            learned.setLineColor(LEARNED);
            learned.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 3f}, 0f));
            chart.setTitle(chart.getTitle() + String.format(Locale.ROOT, "; learned %.0f records/s per KPU at the end",
                    result.learnedRate()[minutes.length - 1]));
        }
        if (result.name().equals(Simulator.POLICY_UNDER_TEST) && !report.rangeChanges().isEmpty()) {
            addRange(chart, report, minutes, yMax);
        }
        return chart;
    }

    private static void addRange(XYChart chart, Report report, double[] minutes, double yMax) {
        double rate = report.settings().trueRecordsPerSecondPerKpu();
        double[] low = new double[minutes.length];
        double[] high = new double[minutes.length];
        CapacityRange range = report.settings().policy().capacityRange();
        int next = 0;
        for (int m = 0; m < minutes.length; m++) {
            while (next < report.rangeChanges().size() && report.rangeChanges().get(next).minute() <= m) {
                range = report.rangeChanges().get(next++).range();
            }
            low[m] = Math.min(yMax, range.minCapacity() * rate);
            high[m] = Math.min(yMax, range.maxCapacity() * rate);
        }
        BasicStroke dashed = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f);
        for (String name : List.of("scheduled range: minimum (KPUs x rate)", "scheduled range: maximum (KPUs x rate)")) {
            XYSeries series = chart.addSeries(name, minutes, name.contains("minimum") ? low : high);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            series.setLineColor(RANGE);
            series.setLineStyle(dashed);
        }
    }
}
