package io.github.kdastepscaling.lambda;

/** The {@code scalingStatus} values of the Application Auto Scaling custom-resource contract. */
public enum ScalingStatus {
    /** A desired change waits for the application to become RUNNING. */
    Pending,
    /** A change is being applied. */
    InProgress,
    /** The application runs at the desired capacity. */
    Successful,
    /** The change cannot be applied without a person; {@code failureReason} says why. */
    Failed
}
