package io.github.kdastepscaling.policy;

/** Which way a step-scaling policy moves capacity. */
public enum ScalingDirection {
    /** Adds capacity when the load is at or above the scale-out threshold. */
    SCALE_OUT,
    /** Removes capacity when the load is below the scale-in threshold. */
    SCALE_IN
}
