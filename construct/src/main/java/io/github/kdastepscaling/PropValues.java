package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The values of {@link KdaStepScalingProps}, one field per prop, null when unset: the one place a prop's name and
 * type are declared. The setters ({@link KdaStepScalingPropsSetters}) write these fields, the props' getters read them;
 * {@code PropsDeclarationTest} checks, by reflection, that every field has exactly one getter and one setter of its
 * type on both builders. Lists are stored as unmodifiable copies, so {@link #copy()} may be shallow.
 */
final class PropValues implements Cloneable {

    IStream existingStream;
    StreamProps streamProps;
    String existingApplicationName;
    FlinkApplicationProps applicationProps;
    Number initialCapacity;
    Number minCapacity;
    Number maxCapacity;
    Number kpuQuota;
    ScalingSignal scalingSignal;
    Number scaleOutRecordsPerSecondPerKpu;
    Number scaleInRecordsPerSecondPerKpu;
    LagGuardProps lagGuard;
    RateLearningProps rateLearning;
    SnapshotRetentionProps snapshotRetention;
    List<ScalingStep> scaleOutSteps;
    List<ScalingStep> scaleInSteps;
    Duration scaleOutCooldown;
    Duration scaleInCooldown;
    Duration expectedRestartDuration;
    Number scaleOutEvaluationPeriods;
    Number scaleOutDatapointsToAlarm;
    Number scaleInEvaluationPeriods;
    Number scaleInDatapointsToAlarm;
    Boolean allowScalingWithoutSnapshots;
    Duration reconcileInterval;
    RetentionDays logRetention;
    Number scalerMemorySize;
    String stageName;
    EndpointAccess endpointAccess;
    List<ScheduledCapacity> scheduledCapacity;
    Boolean dashboard;
    String dashboardName;
    IKey logEncryptionKey;
    Boolean tracing;
    IVpc scalerVpc;
    SubnetSelection scalerVpcSubnets;
    List<ISecurityGroup> scalerSecurityGroups;
    ScalerConcurrency scalerConcurrency;
    KdaStepScalingFleet fleet;

    /** A snapshot for one built {@link KdaStepScalingProps}: later setter calls on the builder do not reach it. */
    PropValues copy() {
        try {
            return (PropValues) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("PropValues is Cloneable", e);
        }
    }
}
