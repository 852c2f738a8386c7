package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.policy.SignalKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a {@link Report} as {@code report.json} and {@code report.md}. */
public final class ReportWriter {

    private ReportWriter() {}

    public static void writeJson(Report report, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(file, mapper.writeValueAsString(toJson(report, mapper)) + "\n", StandardCharsets.UTF_8);
    }

    static ObjectNode toJson(Report report, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode trace = root.putObject("trace");
        trace.put("name", report.trace().name());
        trace.put("minutes", report.trace().length());
        trace.put("peakRecordsPerSecond", report.trace().peak());
        report.trace().start().ifPresent(start -> trace.put("start", start.toString()));
        SimulationSettings s = report.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("initialCapacity", s.initialCapacity());
        settings.put("trueRecordsPerSecondPerKpu", s.trueRecordsPerSecondPerKpu());
        settings.put("configuredRecordsPerSecondPerKpu", s.configuredRecordsPerSecondPerKpu());
        settings.put("bytesPerRecord", s.bytesPerRecord());
        settings.put("restartMinutes", s.restartMinutes());
        settings.put("pricePerKpuHour", s.pricePerKpuHour());
        settings.put("lagMetric", s.sharedStream().lagMetric().fileName());
        if (s.sharedStream().otherConsumer() != null) {
            settings.put("otherConsumerLag", s.sharedStream().otherConsumer().spec());
        }
        // The policy as a policy file writes it: the report's effective policy can be fed back with --config.
        ObjectNode policy = settings.putObject("policy");
        PolicyFile.write(s.policy(), policy);
        if (policy.get("lagGuard") instanceof ObjectNode guard) {
            guard.put(PolicyFile.LAG_METRIC, s.sharedStream().lagMetric().fileName());
        }
        ArrayNode changes = root.putArray("scheduledActions");
        for (RangeChange change : report.rangeChanges()) {
            ObjectNode node = changes.addObject();
            node.put("minute", change.minute());
            node.put("time", change.time().toString());
            node.put("action", change.action());
            node.put("minCapacity", change.range().minCapacity());
            node.put("maxCapacity", change.range().maxCapacity());
            node.put("capacityBefore", change.fromCapacity());
            node.put("capacityAfter", change.toCapacity());
        }
        double oracle = report.result(OracleCapacity.ORACLE).summary().kpuHours();
        ArrayNode policies = root.putArray("policies");
        for (PolicyResult result : report.results()) {
            PolicySummary p = result.summary();
            ObjectNode node = policies.addObject();
            node.put("name", p.name());
            node.put("kpuHours", round(p.kpuHours()));
            node.put("kpuHoursVsOracle", round(p.kpuHours() / oracle));
            node.put("cost", round(p.cost()));
            node.put("minutesWithBacklog", p.minutesWithBacklog());
            node.put("maxBacklogRecords", round(p.maxBacklogRecords()));
            node.put("maxProcessingDelaySeconds", round(p.maxProcessingDelaySeconds()));
            node.put("rescales", p.rescales());
            node.put("restartDowntimeMinutes", p.restartDowntimeMinutes());
            node.put("maxLagSeconds", round(p.maxLagSeconds()));
            node.put("lagGuardScaleOuts", p.lagGuardScaleOuts());
            ArrayNode capacities = node.putArray("capacityByMinute");
            for (int c : result.workload().capacities()) {
                capacities.add(c);
            }
            if (result.learned()) {
                ArrayNode learned = node.putArray("learnedRecordsPerSecondPerKpuByMinute");
                for (double rate : result.learnedRate()) {
                    learned.add(round(rate));
                }
            }
            ArrayNode lag = node.putArray("lagSecondsByMinute");
            for (double millis : result.workload().lagMillis()) {
                if (Double.isNaN(millis)) {
                    lag.addNull();
                } else {
                    lag.add(round(millis / 1000));
                }
            }
        }
        return root;
    }

    public static void writeMarkdown(Report report, Path file) throws IOException {
        Files.writeString(file, markdown(report), StandardCharsets.UTF_8);
    }

    public static String markdown(Report report) {
        SimulationSettings s = report.settings();
        StringBuilder md = new StringBuilder();
        md.append("# Scaling simulation: ").append(report.trace().name()).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d minutes, peak %s records/s; a KPU really processes %s records/s "
                        + "(true rate; the policy is configured for %s, %s); "
                        + "%d-minute restart per rescale; %s per KPU-hour; start at %d KPUs.%n%n",
                report.trace().length(),
                format(report.trace().peak(), 1),
                format(s.trueRecordsPerSecondPerKpu(), 1),
                format(s.configuredRecordsPerSecondPerKpu(), 1),
                sizing(s),
                s.restartMinutes(),
                format(s.pricePerKpuHour(), 4),
                s.initialCapacity()));
        md.append("Signal: ")
                .append(signal(s))
                .append(". Lag guard: ")
                .append(guard(s))
                .append(". ")
                .append(stream(s))
                .append(".\n\n");
        md.append(table(report));
        md.append(learning(report));
        if (!report.rangeChanges().isEmpty()) {
            md.append("\n## Scheduled actions (policy under test)\n\n");
            md.append("| minute | time (UTC) | action | range after | capacity |\n|---:|---|---|---|---|\n");
            for (RangeChange change : report.rangeChanges()) {
                md.append("| ")
                        .append(change.minute())
                        .append(" | ")
                        .append(change.time())
                        .append(" | ")
                        .append(change.action())
                        .append(" | ")
                        .append(change.range().minCapacity())
                        .append("..")
                        .append(change.range().maxCapacity())
                        .append(" | ")
                        .append(
                                change.fromCapacity() == change.toCapacity()
                                        ? change.fromCapacity() + " (kept)"
                                        : change.fromCapacity() + " -> " + change.toCapacity())
                        .append(" |\n");
            }
        }
        md.append("\nPolicies: `policy` = the policy under test; `" + Simulator.WITHOUT_GUARD + "` / `"
                + Simulator.WITH_DEFAULT_GUARD + "` = the same with its lag guard off / with the default guard; "
                + "`aws-sample` = the original AWS sample's policy; "
                + "`built-in` = the service's own autoscaling (x2 after 15 min at >= 75%, /2 after 6 h < 10%); "
                + "`oracle` = ceil(load / per-KPU rate) each minute, no restart cost; `fixed-at-peak` = the peak's "
                + "capacity all the time. See docs/simulator.md.\n");
        return md.toString();
    }

    /** Who else reads the stream and which lag the guard reads (issue 24). */
    static String stream(SimulationSettings s) {
        SharedStream stream = s.sharedStream();
        return "Lag metric: " + stream.lagMetric().fileName()
                + (stream.otherConsumer() == null
                        ? " (the job reads its stream alone)"
                        : "; another consumer on the stream: "
                                + stream.otherConsumer().spec());
    }

    /** What the policy under test learned, hour by hour; empty when it did not learn. */
    static String learning(Report report) {
        PolicyResult policy = report.result(Simulator.POLICY_UNDER_TEST);
        if (!policy.learned()) {
            return "";
        }
        double[] learned = policy.learnedRate();
        double truth = report.settings().trueRecordsPerSecondPerKpu();
        StringBuilder md = new StringBuilder("\n## Learned per-KPU rate (policy under test)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Configured %s, true %s records/s per KPU%s. ",
                format(report.settings().configuredRecordsPerSecondPerKpu(), 0),
                format(truth, 0),
                report.settings().learning().secondConsumer()
                                || report.settings().sharedStream().otherConsumer() != null
                        ? ", a second consumer on the stream"
                        : ""));
        int within = -1;
        for (int m = 0; m < learned.length && within < 0; m++) {
            if (Math.abs(learned[m] - truth) <= 0.1 * truth) {
                within = m;
            }
        }
        md.append(
                within < 0
                        ? "It never came within 10% of the true rate.\n\n"
                        : String.format(
                                Locale.ROOT, "Within 10%% of the true rate after %.1f h.%n%n", (within + 1) / 60.0));
        md.append("| hour | learned at its end |\n|---:|---:|\n");
        for (int m = 59; m < learned.length + 59; m += 60) {
            int at = Math.min(m, learned.length - 1);
            md.append("| ")
                    .append(at / 60 + 1)
                    .append(" | ")
                    .append(format(learned[at], 0))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The comparison table alone, in Markdown. */
    public static String table(Report report) {
        List<PolicySummary> rows =
                report.results().stream().map(PolicyResult::summary).toList();
        return SummaryTable.markdown(rows, SummaryTable.REPORT, SummaryTable.Digits.PLAIN);
    }

    private static String sizing(SimulationSettings s) {
        double ratio = s.configuredRecordsPerSecondPerKpu() / s.trueRecordsPerSecondPerKpu();
        return Math.abs(ratio - 1) < 1e-9 ? "sized right" : "configured " + format(ratio, 2) + "x the true rate";
    }

    private static String signal(SimulationSettings s) {
        var thresholds = s.policy().thresholds();
        var kind = thresholds.kind();
        String text = kind.propName() + " (" + kind.scaleOutSetting() + " "
                + format(thresholds.scaleOutPerKpu(), 1) + ", " + kind.scaleInSetting() + " "
                + format(thresholds.scaleInPerKpu(), 1);
        if (kind == SignalKind.INCOMING_BYTES) {
            text += "; " + format(s.bytesPerRecord(), 0) + " bytes per record";
        }
        return text + ")";
    }

    private static String guard(SimulationSettings s) {
        var guard = s.policy().lagGuard();
        if (!guard.enabled()) {
            return "off";
        }
        StringBuilder steps = new StringBuilder();
        for (var step : guard.steps().steps()) {
            steps.append(steps.length() == 0 ? "" : ", ")
                    .append("[")
                    .append(step.lowerBoundKpus() == null ? "-inf" : format(step.lowerBoundKpus(), 0))
                    .append(",")
                    .append(step.upperBoundKpus() == null ? "+inf" : format(step.upperBoundKpus(), 0))
                    .append(") +")
                    .append(step.adjustmentKpus());
        }
        return "maxLag " + guard.maxLagSeconds() + " s, " + guard.evaluation().datapointsToAlarm() + " of "
                + guard.evaluation().evaluationPeriods() + ", steps " + steps + " (bounds in maxLags beyond it), "
                + "cooldown " + guard.cooldownSeconds() + " s";
    }

    private static String format(double value, int decimals) {
        return SummaryTable.Digits.PLAIN.format(value, decimals);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
