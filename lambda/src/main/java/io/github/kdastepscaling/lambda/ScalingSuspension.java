package io.github.kdastepscaling.lambda;

import java.util.ArrayList;
import java.util.List;

/**
 * The scalable target's {@code SuspendedState}, as DescribeScalableTargets answers it: which of Application Auto
 * Scaling's scaling activities an operator has suspended (application-auto-scaling-suspend-resume-scaling in the
 * Application Auto Scaling user guide). Each can be suspended and resumed on its own.
 *
 * <p>What the scaler makes of it: while scale-in ({@code DynamicScalingInSuspended}) is suspended it removes no
 * capacity, while scale-out ({@code DynamicScalingOutSuspended}) is suspended it adds none, whoever asked (a stored
 * desire, a PATCH, whatever sent it); with both, it does not move the application at all, so a capacity set by hand
 * stays. {@code ScheduledScalingSuspended} is Application Auto Scaling's own business (it starts no scheduled
 * action): the scaler has no scheduled actions of its own, so it changes nothing there.
 *
 * @param dynamicScalingIn whether scale-in by the scaling policies is suspended
 * @param dynamicScalingOut whether scale-out by the scaling policies is suspended
 * @param scheduledScaling whether scheduled actions are suspended
 */
record ScalingSuspension(boolean dynamicScalingIn, boolean dynamicScalingOut, boolean scheduledScaling) {

    /** Nothing suspended: the default of a registered target, and of one not (yet) registered. */
    static final ScalingSuspension NONE = new ScalingSuspension(false, false, false);

    /** Whether the scaler holds back from any direction. */
    boolean pausesScaling() {
        return dynamicScalingIn || dynamicScalingOut;
    }

    /** Whether moving the application from {@code from} to {@code to} KPUs goes in a suspended direction. */
    boolean blocks(int from, int to) {
        return to > from ? dynamicScalingOut : to < from && dynamicScalingIn;
    }

    /** The suspended attributes by their API names, e.g. {@code DynamicScalingInSuspended, ScheduledScalingSuspended}. */
    String suspendedAttributes() {
        List<String> names = new ArrayList<>();
        if (dynamicScalingIn) {
            names.add("DynamicScalingInSuspended");
        }
        if (dynamicScalingOut) {
            names.add("DynamicScalingOutSuspended");
        }
        if (scheduledScaling) {
            names.add("ScheduledScalingSuspended");
        }
        return String.join(", ", names);
    }

    /** What the scaler holds back from, in words: "adds or removes no capacity", "removes no capacity"... */
    String heldBack() {
        return dynamicScalingIn && dynamicScalingOut
                ? "does not move the application"
                : dynamicScalingIn ? "removes no capacity" : dynamicScalingOut ? "adds no capacity" : "scales as usual";
    }
}
