package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.NumberText;
import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.SignalKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code tune}'s {@code policy.json} (a policy file {@code --config} reads as it is, with the run's true rate,
 * restarts and price) and {@code recommendation.md} (the figures over both parts, and the construct's props as a Java
 * builder to paste).
 */
public final class RecommendationWriter {

    private RecommendationWriter() {}

    public static void writePolicy(SimulationSettings settings, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = PolicyFile.write(settings.policy(), mapper.createObjectNode());
        root.put("initialCapacity", settings.initialCapacity());
        root.put("trueRecordsPerSecondPerKpu", settings.trueRecordsPerSecondPerKpu());
        if (settings.restartMinutes() != SimulationSettings.restartMinutesFor(settings.policy())) {
            // only an override: otherwise the policy's expectedRestartSeconds is the one setting (issue 23)
            root.put("restartMinutes", settings.restartMinutes());
        }
        root.put("pricePerKpuHour", settings.pricePerKpuHour());
        root.put("bytesPerRecord", settings.bytesPerRecord());
        Files.writeString(file, mapper.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    public static void writeMarkdown(Recommendation r, Path file) throws IOException {
        writeMarkdown(r, TuneNotes.NONE, file);
    }

    public static void writeMarkdown(Recommendation r, TuneNotes notes, Path file) throws IOException {
        Files.writeString(file, markdown(r, notes), StandardCharsets.UTF_8);
    }

    static String markdown(Recommendation r) {
        return markdown(r, TuneNotes.NONE);
    }

    static String markdown(Recommendation r, TuneNotes notes) {
        Tuner.Result result = r.result();
        double target = result.maxDelaySeconds();
        StringBuilder md = new StringBuilder();
        md.append("# Recommended policy for ").append(r.trace().name()).append("\n\n");
        for (String warning : notes.warnings()) {
            md.append("> **Warning:** ").append(warning).append("\n\n");
        }
        md.append("Target: largest processing delay at most ")
                .append(format(target, 0))
                .append(" s. ");
        if (notes.rateSource().isEmpty()) {
            md.append("True rate: ")
                    .append(format(r.settings().trueRecordsPerSecondPerKpu(), 0))
                    .append(" records/s per KPU; ")
                    .append(r.settings().restartMinutes())
                    .append("-minute restarts.\n\n");
        } else {
            md.append("True rate: ")
                    .append(notes.rateSource())
                    .append(". ")
                    .append(notes.restart())
                    .append("\n\n");
        }
        md.append("Trained on minutes 0 to ")
                .append(r.split() - 1)
                .append(" (")
                .append(r.split())
                .append(" minutes)");
        if (r.hasHeldOut()) {
            md.append("; held out minutes ")
                    .append(r.split())
                    .append(" to ")
                    .append(r.trace().length() - 1)
                    .append(" (")
                    .append(r.trace().length() - r.split())
                    .append(" minutes), never seen by the search");
        }
        md.append(". ")
                .append(result.evaluated().size())
                .append(" policies simulated, ")
                .append(result.invalid())
                .append(" candidates refused by the construct's validation and skipped, in ")
                .append(format(r.seconds(), 1))
                .append(" s.\n\n");
        md.append("maxCapacity ")
                .append(r.space().maxCapacity())
                .append(": ")
                .append(format(PolicySpace.MAX_CAPACITY_HEADROOM, 1))
                .append("x the KPUs the training part's peak needs at the true rate, rounded up (and at least one "
                        + "more): the maximum costs nothing until used, and a peak the trace has not shown must not "
                        + "find the job capped.\n\n");
        if (!result.withinTarget()) {
            md.append(
                    result.stressed()
                            ? "**No policy searched keeps the largest delay within the bounds below on every variant**; "
                                    + "this is the one with the least worst-case delay."
                            : "**No policy searched keeps the largest delay within the target on the training part**; this "
                                    + "is the one with the least delay.");
            md.append(" Restarts alone may exceed it: a rescale stops processing for ")
                    .append(r.settings().restartMinutes())
                    .append(" minutes.\n\n");
        }
        if (!notes.comparedWith().isEmpty()) {
            md.append(protection(notes));
        }
        md.append("## Training part\n\n").append(table(r.train()));
        if (r.hasYourPolicy()) {
            md.append("\n").append(againstYours(r.train(), target));
        }
        if (result.stressed()) {
            md.append("\n").append(stress(r));
        }
        if (r.hasHeldOut()) {
            PolicySummary held = Recommendation.row(r.heldOut(), Recommendation.RECOMMENDATION);
            PolicySummary oracle = Recommendation.row(r.heldOut(), OracleCapacity.ORACLE);
            md.append("\n## Held-out part\n\n").append(table(r.heldOut()));
            md.append("\nOn the held-out part the recommendation's largest delay is ")
                    .append(format(held.maxProcessingDelaySeconds(), 1))
                    .append(" s (")
                    .append(held.maxProcessingDelaySeconds() <= target ? "within" : "beyond")
                    .append(" the target) at ")
                    .append(format(held.kpuHours() / oracle.kpuHours(), 3))
                    .append("x the oracle's KPU-hours.\n");
            if (r.hasYourPolicy()) {
                md.append("\n").append(againstYours(r.heldOut(), target));
            }
        }
        md.append("\nThe defaults row is the construct's defaults (ScalingDefaults) with the same capacity range; the "
                + "baselines are as in the simulator's report (docs/simulator.md).\n");
        md.append("\n## The construct's props\n\n```java\n")
                .append(javaBuilder(r.settings().policy()))
                .append("```\n\n`policy.json` holds the same policy for `--config`.\n");
        return md.toString();
    }

    /** The settings changed that lower protection, each with what it costs; or that none does. */
    static String protection(TuneNotes notes) {
        StringBuilder md = new StringBuilder("## Settings that lower protection\n\n");
        if (notes.protection().isEmpty()) {
            md.append("None: against ")
                    .append(notes.comparedWith())
                    .append(", the recommendation keeps the lag " + "guard, reacts as fast and steps as far.\n\n");
            return md.toString();
        }
        md.append("Against ")
                .append(notes.comparedWith())
                .append(", the recommendation saves KPU-hours with "
                        + "these; each held the bound in the search, none is tested on "
                        + "load the trace did not show:\n\n");
        for (String change : notes.protection()) {
            md.append("- ").append(change).append("\n");
        }
        return md.append("\nTo keep one as you have it, give it in `--config` and `--fix` it.\n\n")
                .toString();
    }

    /** One sentence comparing the recommendation with the user's policy over one part. */
    static String againstYours(List<PolicySummary> part, double target) {
        PolicySummary rec = Recommendation.row(part, Recommendation.RECOMMENDATION);
        PolicySummary yours = Recommendation.row(part, Recommendation.YOUR_POLICY);
        double change = (rec.kpuHours() / yours.kpuHours() - 1) * 100;
        return "Against your policy: the recommendation uses " + format(Math.abs(change), 1) + "% "
                + (change <= 0 ? "fewer" : "more") + " KPU-hours (" + format(rec.kpuHours(), 2) + " vs "
                + format(yours.kpuHours(), 2) + "), largest delay " + format(rec.maxProcessingDelaySeconds(), 0)
                + " s vs " + format(yours.maxProcessingDelaySeconds(), 0) + " s (target " + format(target, 0)
                + " s), " + rec.rescales() + " rescales vs " + yours.rescales() + ".\n";
    }

    /** What the recommendation promises: its worst case over the stressed variants, beside the defaults'. */
    static String stress(Recommendation r) {
        Tuner.Result result = r.result();
        StringBuilder md = new StringBuilder("## What tomorrow may bring: the stressed variants\n\n");
        md.append("The search judged every candidate on ")
                .append(r.stress().size())
                .append(" variants of the "
                        + "training part (docs/simulator.md, \"Robust selection\"): the training part itself, held to the "
                        + "target, and stressed ones, on each of which the recommendation may fall no further behind than "
                        + "the construct's defaults do there (the bound). ")
                .append(result.simulations())
                .append(" runs; ")
                .append(
                        result.exhaustive()
                                ? "every point of the space was tried"
                                : "candidates that could no longer win were stopped early")
                .append(".\n\n");
        md.append("| variant | bound (s) | recommendation: max delay (s) | KPU-hours | defaults: max delay (s) "
                + "| KPU-hours | recommendation vs defaults |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (int v = 0; v < r.stress().size(); v++) {
            Recommendation.VariantFigures f = r.stress().get(v);
            md.append("| ")
                    .append(f.variant())
                    .append(" | ")
                    .append(format(result.boundSeconds().get(v), 0))
                    .append(" | ")
                    .append(format(f.recommendation().maxProcessingDelaySeconds(), 0))
                    .append(" | ")
                    .append(format(f.recommendation().kpuHours(), 2))
                    .append(" | ");
            if (f.defaults().isPresent()) {
                PolicySummary d = f.defaults().get();
                md.append(format(d.maxProcessingDelaySeconds(), 0))
                        .append(" | ")
                        .append(format(d.kpuHours(), 2))
                        .append(" | ")
                        .append(format(f.recommendation().kpuHours() / d.kpuHours(), 3))
                        .append("x |\n");
            } else {
                md.append("- | - | - |\n");
            }
        }
        Recommendation.VariantFigures hardest = r.hardest();
        double worst = hardest.recommendation().maxProcessingDelaySeconds();
        md.append("\n**Worst case: ")
                .append(format(worst, 0))
                .append(" s**, on the variant *")
                .append(hardest.variant())
                .append("* (")
                .append(worst <= result.maxDelaySeconds() ? "within" : "beyond")
                .append(" the target of ")
                .append(format(result.maxDelaySeconds(), 0))
                .append(" s");
        hardest.defaults()
                .ifPresent(d -> md.append("; the defaults: ")
                        .append(format(d.maxProcessingDelaySeconds(), 0))
                        .append(" s there; the recommendation uses ")
                        .append(percent(hardest.recommendation().kpuHours() / d.kpuHours()))
                        .append(" there"));
        r.stress().get(0).yours().ifPresent(first -> {
            PolicySummary yoursHardest = first;
            String where = r.stress().get(0).variant();
            for (Recommendation.VariantFigures f : r.stress()) {
                if (f.yours().isPresent()
                        && f.yours().get().maxProcessingDelaySeconds() > yoursHardest.maxProcessingDelaySeconds()) {
                    yoursHardest = f.yours().get();
                    where = f.variant();
                }
            }
            md.append("; your policy's worst case: ")
                    .append(format(yoursHardest.maxProcessingDelaySeconds(), 0))
                    .append(" s, on *")
                    .append(where)
                    .append("*");
        });
        md.append("). Nominally (the training part as it was): ")
                .append(format(r.stress().get(0).recommendation().maxProcessingDelaySeconds(), 0))
                .append(" s.\n");
        return md.toString();
    }

    private static String percent(double ratio) {
        double change = (ratio - 1) * 100;
        if (Math.abs(change) < 0.05) {
            return "as many KPU-hours as the defaults";
        }
        return format(Math.abs(change), 1) + "% " + (change < 0 ? "fewer" : "more") + " KPU-hours than the defaults";
    }

    static String table(List<PolicySummary> rows) {
        return SummaryTable.markdown(rows, SummaryTable.RECOMMENDATION, SummaryTable.Digits.GROUPED);
    }

    /** The policy as the construct's builder, with the construct's prop names. */
    static String javaBuilder(ScalingPolicy p) {
        StringBuilder java = new StringBuilder();
        java.append("KdaStepScaling.Builder.create(this, \"Scaling\")\n");
        java.append("        // ... your stream and application\n");
        java.append("        .minCapacity(")
                .append(p.capacityRange().minCapacity())
                .append(")\n");
        java.append("        .maxCapacity(")
                .append(p.capacityRange().maxCapacity())
                .append(")\n");
        if (p.kpuQuota() != ScalingDefaults.KPU_QUOTA) {
            java.append("        .kpuQuota(").append(p.kpuQuota()).append(")\n");
        }
        if (p.thresholds().kind() == SignalKind.INCOMING_BYTES) {
            java.append("        .scalingSignal(ScalingSignal.incomingBytes(")
                    .append(NumberText.of(p.thresholds().scaleOutPerKpu()))
                    .append(", ")
                    .append(NumberText.of(p.thresholds().scaleInPerKpu()))
                    .append("))   // bytes/s per KPU: out, in\n");
        } else {
            java.append("        .scaleOutRecordsPerSecondPerKpu(")
                    .append(NumberText.of(p.thresholds().scaleOutPerKpu()))
                    .append(")\n");
            java.append("        .scaleInRecordsPerSecondPerKpu(")
                    .append(NumberText.of(p.thresholds().scaleInPerKpu()))
                    .append(")\n");
        }
        java.append("        .scaleOutSteps(")
                .append(steps(p.steps(ScalingDirection.SCALE_OUT).steps()))
                .append(")\n");
        java.append("        .scaleInSteps(")
                .append(steps(p.steps(ScalingDirection.SCALE_IN).steps()))
                .append(")\n");
        java.append("        .scaleOutCooldown(")
                .append(duration(p.cooldownSeconds(ScalingDirection.SCALE_OUT)))
                .append(")\n");
        java.append("        .scaleInCooldown(")
                .append(duration(p.cooldownSeconds(ScalingDirection.SCALE_IN)))
                .append(")\n");
        AlarmEvaluation out = p.evaluation(ScalingDirection.SCALE_OUT);
        AlarmEvaluation in = p.evaluation(ScalingDirection.SCALE_IN);
        java.append("        .scaleOutEvaluationPeriods(")
                .append(out.evaluationPeriods())
                .append(")\n");
        java.append("        .scaleOutDatapointsToAlarm(")
                .append(out.datapointsToAlarm())
                .append(")\n");
        java.append("        .scaleInEvaluationPeriods(")
                .append(in.evaluationPeriods())
                .append(")\n");
        java.append("        .scaleInDatapointsToAlarm(")
                .append(in.datapointsToAlarm())
                .append(")\n");
        if (p.expectedRestartSeconds() != ScalingDefaults.EXPECTED_RESTART_SECONDS) {
            java.append("        .expectedRestartDuration(")
                    .append(duration(p.expectedRestartSeconds()))
                    .append(")\n");
        }
        if (!p.scheduledActions().isEmpty()) {
            java.append("        // .scheduledCapacity(...): as in your policy file, which the tuner kept\n");
        }
        LagGuard guard = p.lagGuard();
        if (guard.enabled()) {
            java.append("        .lagGuard(LagGuardProps.builder()\n");
            java.append("                .maxLag(")
                    .append(duration(guard.maxLagSeconds()))
                    .append(")\n");
            java.append("                .evaluationPeriods(")
                    .append(guard.evaluation().evaluationPeriods())
                    .append(")\n");
            java.append("                .datapointsToAlarm(")
                    .append(guard.evaluation().datapointsToAlarm())
                    .append(")\n");
            java.append("                .steps(")
                    .append(steps(guard.steps().steps()))
                    .append(")\n");
            java.append("                .cooldown(")
                    .append(duration(guard.cooldownSeconds()))
                    .append(")\n");
            java.append("                .build())\n");
        } else {
            java.append("        .lagGuard(LagGuardProps.disabled())\n");
        }
        java.append("        .build();\n");
        return java.toString();
    }

    private static String steps(List<ScalingStep> steps) {
        StringBuilder text = new StringBuilder("List.of(");
        for (int i = 0; i < steps.size(); i++) {
            ScalingStep s = steps.get(i);
            text.append(i == 0 ? "" : ", ");
            if (s.lowerBoundKpus() != null && s.upperBoundKpus() != null) {
                text.append("ScalingStep.between(")
                        .append(NumberText.of(s.lowerBoundKpus()))
                        .append(", ")
                        .append(NumberText.of(s.upperBoundKpus()))
                        .append(", ");
            } else if (s.lowerBoundKpus() != null) {
                text.append("ScalingStep.from(")
                        .append(NumberText.of(s.lowerBoundKpus()))
                        .append(", ");
            } else {
                text.append("ScalingStep.upTo(")
                        .append(NumberText.of(s.upperBoundKpus()))
                        .append(", ");
            }
            text.append(s.adjustmentKpus()).append(")");
        }
        return text.append(")").toString();
    }

    private static String duration(int seconds) {
        return seconds % 60 == 0 ? "Duration.minutes(" + seconds / 60 + ")" : "Duration.seconds(" + seconds + ")";
    }

    private static String format(double value, int decimals) {
        return SummaryTable.Digits.GROUPED.format(value, decimals);
    }
}
