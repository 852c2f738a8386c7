package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The SSM parameters that hold the scaler's state, each created with the value that means "nothing stored yet" and
 * written by the scaler Lambda only. The optional ones exist only when their feature is on.
 *
 * @param desiredCapacity the last desired capacity Application Auto Scaling asked for
 * @param rescaleAttempt the last rescale the scaler submitted
 * @param rescaleHistory the rescales that caused snapshots, or null without snapshot retention
 * @param learnedRate the learned per-KPU rate, or null without rate learning
 */
record ScalerStateParameters(
        StringParameter desiredCapacity,
        StringParameter rescaleAttempt,
        StringParameter rescaleHistory,
        StringParameter learnedRate) {

    private static final String NONE = ScalerEnvironment.NO_DESIRED_CAPACITY;

    /**
     * Creates them in {@code scope} under the ids the construct has always used.
     *
     * @param path in a fleet, the SSM path the parameters are named under ({@code <path>/<id>}); null for generated
     *             names
     */
    static ScalerStateParameters create(Construct scope, ResolvedProps settings, String path) {
        return new ScalerStateParameters(
                parameter(
                        scope,
                        path,
                        "DesiredCapacity",
                        "Last desired capacity (KPUs) Application Auto Scaling " + "asked kda-step-scaling for; '"
                                + NONE + "' until the first request."),
                parameter(
                        scope,
                        path,
                        "LastRescale",
                        "The last rescale the kda-step-scaling scaler submitted, so that "
                                + "one the service keeps rolling back is not retried forever; put '" + NONE
                                + "' in it to let "
                                + "the scaler try again."),
                settings.snapshotRetention == null
                        ? null
                        : parameter(
                                scope,
                                path,
                                "RescaleHistory",
                                "The rescales the "
                                        + "kda-step-scaling scaler submitted with snapshots on (VERSION@EPOCH_MILLIS), which tell its "
                                        + "snapshots from yours for the snapshot retention; with '" + NONE
                                        + "' nothing is "
                                        + "attributed, so nothing is deleted."),
                settings.rateLearning == null
                        ? null
                        : parameter(
                                scope,
                                path,
                                "LearnedRate",
                                "The per-KPU rate the "
                                        + "kda-step-scaling scaler learned and scales with; '" + NONE
                                        + "' until its first estimate "
                                        + "(the configured rate applies). Put '" + NONE
                                        + "' in it to start learning again from the "
                                        + "configured rate."));
    }

    private static StringParameter parameter(Construct scope, String path, String id, String description) {
        return StringParameter.Builder.create(scope, id)
                .parameterName(path == null ? null : path + "/" + id)
                .description(description + " Written by the scaler Lambda only.")
                .stringValue(NONE)
                .build();
    }
}
