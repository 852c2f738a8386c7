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
 * The setter of every prop of {@link KdaStepScalingProps}, written once and shared by
 * {@link KdaStepScalingProps.Builder} and {@link KdaStepScaling.Builder}, so that both read as aws-cdk-lib's Java
 * builders do ({@code KdaStepScalingProps.builder().maxCapacity(8).build()},
 * {@code KdaStepScaling.Builder.create(this, "Scaling").maxCapacity(8).build()}). Each setter documents nothing
 * itself: the prop's getter says what it means and its default.
 *
 * @param <B> the builder the setters return, for chaining
 */
public abstract class KdaStepScalingPropsSetters<B extends KdaStepScalingPropsSetters<B>> {

    /** What the setters have set so far. */
    final PropValues values = new PropValues();

    /** Only this package's two builders extend it. */
    KdaStepScalingPropsSetters() {}

    /** This builder, as its own type. */
    abstract B self();

    /** @see KdaStepScalingProps#getExistingStream() */
    public B existingStream(IStream value) {
        values.existingStream = value;
        return self();
    }

    /** @see KdaStepScalingProps#getStreamProps() */
    public B streamProps(StreamProps value) {
        values.streamProps = value;
        return self();
    }

    /** @see KdaStepScalingProps#getExistingApplicationName() */
    public B existingApplicationName(String value) {
        values.existingApplicationName = value;
        return self();
    }

    /** @see KdaStepScalingProps#getApplicationProps() */
    public B applicationProps(FlinkApplicationProps value) {
        values.applicationProps = value;
        return self();
    }

    /** @see KdaStepScalingProps#getInitialCapacity() */
    public B initialCapacity(Number value) {
        values.initialCapacity = value;
        return self();
    }

    /** @see KdaStepScalingProps#getMinCapacity() */
    public B minCapacity(Number value) {
        values.minCapacity = value;
        return self();
    }

    /** @see KdaStepScalingProps#getMaxCapacity() */
    public B maxCapacity(Number value) {
        values.maxCapacity = value;
        return self();
    }

    /** @see KdaStepScalingProps#getKpuQuota() */
    public B kpuQuota(Number value) {
        values.kpuQuota = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleOutRecordsPerSecondPerKpu() */
    public B scaleOutRecordsPerSecondPerKpu(Number value) {
        values.scaleOutRecordsPerSecondPerKpu = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleInRecordsPerSecondPerKpu() */
    public B scaleInRecordsPerSecondPerKpu(Number value) {
        values.scaleInRecordsPerSecondPerKpu = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleOutSteps() */
    public B scaleOutSteps(List<ScalingStep> value) {
        values.scaleOutSteps = KdaStepScalingProps.copy(value);
        return self();
    }

    /** @see KdaStepScalingProps#getScaleInSteps() */
    public B scaleInSteps(List<ScalingStep> value) {
        values.scaleInSteps = KdaStepScalingProps.copy(value);
        return self();
    }

    /** @see KdaStepScalingProps#getScaleOutCooldown() */
    public B scaleOutCooldown(Duration value) {
        values.scaleOutCooldown = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleInCooldown() */
    public B scaleInCooldown(Duration value) {
        values.scaleInCooldown = value;
        return self();
    }

    /** @see KdaStepScalingProps#getExpectedRestartDuration() */
    public B expectedRestartDuration(Duration value) {
        values.expectedRestartDuration = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleOutEvaluationPeriods() */
    public B scaleOutEvaluationPeriods(Number value) {
        values.scaleOutEvaluationPeriods = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleOutDatapointsToAlarm() */
    public B scaleOutDatapointsToAlarm(Number value) {
        values.scaleOutDatapointsToAlarm = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleInEvaluationPeriods() */
    public B scaleInEvaluationPeriods(Number value) {
        values.scaleInEvaluationPeriods = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScaleInDatapointsToAlarm() */
    public B scaleInDatapointsToAlarm(Number value) {
        values.scaleInDatapointsToAlarm = value;
        return self();
    }

    /** @see KdaStepScalingProps#getAllowScalingWithoutSnapshots() */
    public B allowScalingWithoutSnapshots(Boolean value) {
        values.allowScalingWithoutSnapshots = value;
        return self();
    }

    /** @see KdaStepScalingProps#getReconcileInterval() */
    public B reconcileInterval(Duration value) {
        values.reconcileInterval = value;
        return self();
    }

    /** @see KdaStepScalingProps#getLogRetention() */
    public B logRetention(RetentionDays value) {
        values.logRetention = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScalerMemorySize() */
    public B scalerMemorySize(Number value) {
        values.scalerMemorySize = value;
        return self();
    }

    /** @see KdaStepScalingProps#getStageName() */
    public B stageName(String value) {
        values.stageName = value;
        return self();
    }

    /** @see KdaStepScalingProps#getEndpointAccess() */
    public B endpointAccess(EndpointAccess value) {
        values.endpointAccess = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScheduledCapacity() */
    public B scheduledCapacity(List<ScheduledCapacity> value) {
        values.scheduledCapacity = KdaStepScalingProps.copy(value);
        return self();
    }

    /** @see KdaStepScalingProps#getDashboard() */
    public B dashboard(Boolean value) {
        values.dashboard = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScalingSignal() */
    public B scalingSignal(ScalingSignal value) {
        values.scalingSignal = value;
        return self();
    }

    /** @see KdaStepScalingProps#getLogEncryptionKey() */
    public B logEncryptionKey(IKey value) {
        values.logEncryptionKey = value;
        return self();
    }

    /** @see KdaStepScalingProps#getTracing() */
    public B tracing(Boolean value) {
        values.tracing = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScalerVpc() */
    public B scalerVpc(IVpc value) {
        values.scalerVpc = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScalerVpcSubnets() */
    public B scalerVpcSubnets(SubnetSelection value) {
        values.scalerVpcSubnets = value;
        return self();
    }

    /** @see KdaStepScalingProps#getScalerSecurityGroups() */
    public B scalerSecurityGroups(List<ISecurityGroup> value) {
        values.scalerSecurityGroups = KdaStepScalingProps.copy(value);
        return self();
    }

    /** @see KdaStepScalingProps#getScalerConcurrency() */
    public B scalerConcurrency(ScalerConcurrency value) {
        values.scalerConcurrency = value;
        return self();
    }

    /** @see KdaStepScalingProps#getFleet() */
    public B fleet(KdaStepScalingFleet value) {
        values.fleet = value;
        return self();
    }

    /** @see KdaStepScalingProps#getLagGuard() */
    public B lagGuard(LagGuardProps value) {
        values.lagGuard = value;
        return self();
    }

    /** @see KdaStepScalingProps#getRateLearning() */
    public B rateLearning(RateLearningProps value) {
        values.rateLearning = value;
        return self();
    }

    /** @see KdaStepScalingProps#getSnapshotRetention() */
    public B snapshotRetention(SnapshotRetentionProps value) {
        values.snapshotRetention = value;
        return self();
    }

    /** @see KdaStepScalingProps#getDashboardName() */
    public B dashboardName(String value) {
        values.dashboardName = value;
        return self();
    }
}
