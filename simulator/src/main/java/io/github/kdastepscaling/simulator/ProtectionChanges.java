package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings a recommendation changes that lower the job's protection against load the trace did not show (issue
 * 23): each one, against the policy it is compared with, in one sentence that says what the job loses. The tuner
 * changes them because, on the training part and its stressed variants, they cost fewer KPU-hours within the bound;
 * a person should know what they trade.
 */
public final class ProtectionChanges {

    private ProtectionChanges() {}

    /**
     * @param reference      the policy compared with: the user's {@code --config}, else the construct's defaults
     * @param recommendation the recommendation
     * @param unitsPerRecord the signal's units per record (rates are compared as a share of the true rate)
     */
    public static List<String> of(
            ScalingPolicy reference, ScalingPolicy recommendation, double trueRate, double unitsPerRecord) {
        List<String> changes = new ArrayList<>();
        LagGuard before = reference.lagGuard();
        LagGuard after = recommendation.lagGuard();
        if (before.enabled() && !after.enabled()) {
            changes.add("**The lag guard is off.** It is the one protection against a per-KPU rate set too high "
                    + "(or a job that slows down): without it nothing adds capacity while the job falls behind at a "
                    + "load its thresholds call enough.");
        }
        double outBefore = reference.thresholds().scaleOutPerKpu() / unitsPerRecord;
        double outAfter = recommendation.thresholds().scaleOutPerKpu() / unitsPerRecord;
        if (outAfter > outBefore) {
            changes.add(String.format(
                    Locale.ROOT,
                    "**Less headroom**: scale out at %,.0f records/s per KPU (%.0f%% "
                            + "of the true %,.0f) instead of %,.0f (%.0f%%): the job runs closer to what it can do, so a "
                            + "faster ramp or a slower job makes it lag sooner.",
                    outAfter,
                    100 * outAfter / trueRate,
                    trueRate,
                    outBefore,
                    100 * outBefore / trueRate));
        }
        slower(
                changes,
                "scale-out alarm",
                reference.evaluation(ScalingDirection.SCALE_OUT),
                recommendation.evaluation(ScalingDirection.SCALE_OUT));
        int cdBefore = reference.cooldownSeconds(ScalingDirection.SCALE_OUT);
        int cdAfter = recommendation.cooldownSeconds(ScalingDirection.SCALE_OUT);
        if (cdAfter > cdBefore) {
            changes.add("**A longer scale-out cooldown**: " + cdAfter + " s instead of " + cdBefore + " s: after a "
                    + "scale-out, a load still rising waits longer for the next one.");
        }
        int topBefore = top(reference.steps(ScalingDirection.SCALE_OUT).steps());
        int topAfter = top(recommendation.steps(ScalingDirection.SCALE_OUT).steps());
        if (topAfter < topBefore) {
            changes.add("**A smaller largest scale-out step**: at most +" + topAfter + " KPUs per alarm instead of +"
                    + topBefore + ": a sudden burst takes more steps, each a restart, to catch.");
        }
        if (before.enabled() && after.enabled()) {
            if (after.maxLagSeconds() > before.maxLagSeconds()) {
                changes.add("**The lag guard waits for more lag**: it fires at " + after.maxLagSeconds()
                        + " s instead of " + before.maxLagSeconds() + " s.");
            }
            slower(changes, "lag guard", before.evaluation(), after.evaluation());
            if (after.cooldownSeconds() > before.cooldownSeconds()) {
                changes.add("**A longer lag-guard cooldown**: " + after.cooldownSeconds() + " s instead of "
                        + before.cooldownSeconds() + " s between two additions of the guard.");
            }
            int guardBefore = top(before.steps().steps());
            int guardAfter = top(after.steps().steps());
            if (guardAfter < guardBefore) {
                changes.add("**A smaller largest lag-guard step**: +" + guardAfter + " KPUs instead of +" + guardBefore
                        + ".");
            }
        }
        return changes;
    }

    private static void slower(List<String> changes, String alarm, AlarmEvaluation before, AlarmEvaluation after) {
        if (after.datapointsToAlarm() > before.datapointsToAlarm()
                || after.evaluationPeriods() > before.evaluationPeriods()
                        && after.datapointsToAlarm() >= before.datapointsToAlarm()) {
            changes.add("**A slower " + alarm + "**: " + after.datapointsToAlarm() + " of " + after.evaluationPeriods()
                    + " minutes instead of " + before.datapointsToAlarm() + " of " + before.evaluationPeriods()
                    + ": it reacts " + Math.max(0, after.datapointsToAlarm() - before.datapointsToAlarm())
                    + " minute(s) later to a load it should act on.");
        }
    }

    private static int top(List<ScalingStep> steps) {
        int top = 0;
        for (ScalingStep step : steps) {
            top = Math.max(top, Math.abs(step.adjustmentKpus()));
        }
        return top;
    }
}
