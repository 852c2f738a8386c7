package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.ScalingStep;
import java.util.ArrayList;
import java.util.Collections;
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
 * Properties of {@link KdaStepScaling}. Immutable; build with {@link #builder()}.
 *
 * <p>Capacities are in KPUs; per-KPU thresholds in records per second on the source stream; step bounds in "KPUs of
 * load" above (scale-out) or below (scale-in) the alarm threshold. Numbers are {@link Number}s, as in aws-cdk-lib's
 * Java API; a count (capacities, periods, datapoints, megabytes) must be whole. Every scaling default comes from
 * {@link io.github.kdastepscaling.policy.ScalingDefaults}; the {@code @default} tags show their values, and a test
 * checks that they agree.
 */
public final class KdaStepScalingProps {

    final PropValues values;

    KdaStepScalingProps(PropValues values) {
        this.values = values;
    }

    /** An unmodifiable copy that keeps null elements, so validation can name them instead of a bare NPE. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The source stream whose incoming records drive the scaling. Give this or {@link #getStreamProps()}, not both.
     *
     * @default - a new stream from {@link #getStreamProps()}
     */
    public IStream getExistingStream() {
        return values.existingStream;
    }

    /**
     * Props of a new source stream. Its encryption defaults to {@code StreamEncryption.MANAGED}
     * ({@code KMS} when an {@code encryptionKey} is given).
     *
     * @default - a new stream with the Kinesis L2's defaults and the {@code aws/kinesis} managed key, when no
     *     {@link #getExistingStream()} is given
     */
    public StreamProps getStreamProps() {
        return values.streamProps;
    }

    /**
     * Name of an existing Managed Service for Apache Flink application in this stack's account and region. Give
     * this or {@link #getApplicationProps()}, not both. The construct does not change its configuration: turn the
     * service's own autoscaling off on it yourself.
     *
     * @default - a new application from {@link #getApplicationProps()}
     */
    public String getExistingApplicationName() {
        return values.existingApplicationName;
    }

    /**
     * Props of a new Flink application. Give this or {@link #getExistingApplicationName()}.
     *
     * @default - none; required unless {@link #getExistingApplicationName()} is given
     */
    public FlinkApplicationProps getApplicationProps() {
        return values.applicationProps;
    }

    /**
     * The capacity, in KPUs, the application starts with: until the scaler has stored a desired capacity, deploys
     * give a new application the parallelism {@code initialCapacity x parallelismPerKpu} and the alarms the thresholds
     * of this capacity (later deploys read the stored desire). For an existing application, give its current
     * capacity; if it differs, the scaler corrects the thresholds on its first call (a reconcile runs every
     * {@link #getReconcileInterval()}).
     *
     * @default - {@link #getMinCapacity()}
     */
    public Number getInitialCapacity() {
        return values.initialCapacity;
    }

    /**
     * Smallest capacity, in KPUs, scaling may choose.
     *
     * @default 1
     */
    public Number getMinCapacity() {
        return values.minCapacity;
    }

    /**
     * Largest capacity, in KPUs, scaling may choose; at most {@link #getKpuQuota()}. This is the scalable target's
     * maximum as deployed: {@link #getScheduledCapacity()} may raise it at run time, up to the KPU quota.
     *
     * @default 8
     */
    public Number getMaxCapacity() {
        return values.maxCapacity;
    }

    /**
     * The application's KPU quota. Raise it only after AWS has raised the quota for the application.
     *
     * @default 64
     */
    public Number getKpuQuota() {
        return values.kpuQuota;
    }

    /**
     * What the load alarms measure: incoming records (the default), incoming bytes, any load metric or any
     * utilization metric. See {@link ScalingSignal}.
     *
     * @default ScalingSignal.incomingRecords()
     */
    public ScalingSignal getScalingSignal() {
        return values.scalingSignal;
    }

    /**
     * The lag guard: an alarm on the job's lag whose policy adds capacity when the job falls behind, and which keeps
     * the load signal from scaling in meanwhile. {@code LagGuardProps.disabled()} turns it off.
     *
     * @default - on, with the defaults of {@link LagGuardProps}
     */
    public LagGuardProps getLagGuard() {
        return values.lagGuard;
    }

    /**
     * The per-KPU rate learning: on each scheduled reconcile the scaler measures what one KPU of the job consumes
     * while the job lags, and moves the rate its thresholds use toward it, within bounds and at a limited speed;
     * {@link #getScaleOutRecordsPerSecondPerKpu()} (or the signal's scale-out per KPU) is the starting point. It needs
     * a records or bytes signal and the lag guard; without either it is off, with a synthesis warning (or refused when
     * set explicitly). {@code RateLearningProps.disabled()} turns it off.
     *
     * @default - on for a records or bytes signal with the lag guard on, with the defaults of {@link RateLearningProps}
     */
    public RateLearningProps getRateLearning() {
        return values.rateLearning;
    }

    /**
     * Records per second one KPU is sized for: the scale-out threshold is {@code capacity x} this value, and one
     * KPU of load in {@link #getScaleOutSteps()} is this many records per second. Only for the incoming-records
     * signal; other signals carry their own values.
     *
     * @default 1000
     */
    public Number getScaleOutRecordsPerSecondPerKpu() {
        return values.scaleOutRecordsPerSecondPerKpu;
    }

    /**
     * Records per second per KPU below which one KPU fewer would do: the scale-in threshold is
     * {@code (capacity - 1) x} this value (0 at {@link #getMinCapacity()}). Must be below
     * {@link #getScaleOutRecordsPerSecondPerKpu()}.
     *
     * @default 900
     */
    public Number getScaleInRecordsPerSecondPerKpu() {
        return values.scaleInRecordsPerSecondPerKpu;
    }

    /**
     * Scale-out steps: bounds in KPUs of load at or above the scale-out threshold, adjustments in KPUs (positive).
     *
     * @default [0, 1) -> +1, [1, 2) -> +2, [2, 3) -> +3, [3, 4) -> +4, [4, 5) -> +5, [5, +inf) -> +6
     */
    public List<ScalingStep> getScaleOutSteps() {
        return values.scaleOutSteps;
    }

    /**
     * Scale-in steps: bounds in KPUs of load below the scale-in threshold, adjustments in KPUs (negative).
     *
     * @default (-inf, -2] -> -3, (-2, -1] -> -2, (-1, 0] -> -1
     */
    public List<ScalingStep> getScaleInSteps() {
        return values.scaleInSteps;
    }

    /**
     * Cooldown of the scale-out policy; at least {@link #getExpectedRestartDuration()}.
     *
     * @default Duration.minutes(5)
     */
    public Duration getScaleOutCooldown() {
        return values.scaleOutCooldown;
    }

    /**
     * Cooldown of the scale-in policy; at least {@link #getExpectedRestartDuration()}.
     *
     * @default Duration.minutes(10)
     */
    public Duration getScaleInCooldown() {
        return values.scaleInCooldown;
    }

    /**
     * How long a rescale keeps the job from processing (it restarts from a snapshot). Only used to validate the
     * cooldowns.
     *
     * @default Duration.minutes(2)
     */
    public Duration getExpectedRestartDuration() {
        return values.expectedRestartDuration;
    }

    /**
     * Number of one-minute periods the scale-out alarm looks at.
     *
     * @default 1
     */
    public Number getScaleOutEvaluationPeriods() {
        return values.scaleOutEvaluationPeriods;
    }

    /**
     * How many of {@link #getScaleOutEvaluationPeriods()} must breach for the scale-out alarm to fire.
     *
     * @default 1
     */
    public Number getScaleOutDatapointsToAlarm() {
        return values.scaleOutDatapointsToAlarm;
    }

    /**
     * Number of one-minute periods the scale-in alarm looks at.
     *
     * @default 10
     */
    public Number getScaleInEvaluationPeriods() {
        return values.scaleInEvaluationPeriods;
    }

    /**
     * How many of {@link #getScaleInEvaluationPeriods()} must breach for the scale-in alarm to fire.
     *
     * @default 8
     */
    public Number getScaleInDatapointsToAlarm() {
        return values.scaleInDatapointsToAlarm;
    }

    /**
     * The snapshot retention: the scaler keeps the snapshots its rescales caused within a count and an age, and never
     * touches the newest snapshot or one it did not cause. {@code SnapshotRetentionProps.disabled()} turns it off.
     *
     * @default - on, keeping the scaler's 10 newest snapshots, with no age limit
     */
    public SnapshotRetentionProps getSnapshotRetention() {
        return values.snapshotRetention;
    }

    /**
     * Whether the scaler may rescale an application whose snapshots are disabled. Such a rescale loses the job's
     * state.
     *
     * @default false
     */
    public Boolean getAllowScalingWithoutSnapshots() {
        return values.allowScalingWithoutSnapshots;
    }

    /**
     * How often a scheduled rule invokes the scaler's reconcile entry point, which finishes or repairs a rescale
     * (Application Auto Scaling's polling cadence is undocumented). Whole minutes, at least one.
     *
     * @default Duration.minutes(1)
     */
    public Duration getReconcileInterval() {
        return values.reconcileInterval;
    }

    /**
     * Retention of the log groups the construct creates (scaler Lambda, API access logs, Flink application).
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return values.logRetention;
    }

    /**
     * Memory of the scaler Lambda, in MB.
     *
     * @default 512
     */
    public Number getScalerMemorySize() {
        return values.scalerMemorySize;
    }

    /**
     * Stage name of the scaling endpoint's REST API; part of the scalable target's {@code ResourceId}.
     *
     * @default "scaling"
     */
    public String getStageName() {
        return values.stageName;
    }

    /**
     * Who may call the scaling endpoint besides what IAM decides. The default deploys no resource policy, as AWS's
     * templates for custom-resource scaling do, so the principal that registers the scalable target (the stack's
     * CloudFormation execution role) is never denied; see {@link EndpointAccess} for the stricter, opt-in mode.
     *
     * @default EndpointAccess.iamAuthorization(): IAM (SigV4) authorization, no resource policy
     */
    public EndpointAccess getEndpointAccess() {
        return values.endpointAccess;
    }

    /**
     * Scheduled actions on the scalable target, which move its minimum and/or maximum capacity at given times (more
     * KPUs before a known daily peak, say). Names must be unique; each bound lies between 1 and
     * {@link #getKpuQuota()}.
     *
     * @default - none
     */
    public List<ScheduledCapacity> getScheduledCapacity() {
        return values.scheduledCapacity;
    }

    /**
     * Whether the construct creates a CloudWatch dashboard of the load, thresholds, capacity, restarts, lag, scaler
     * and endpoint.
     *
     * @default true
     */
    public Boolean getDashboard() {
        return values.dashboard;
    }

    /**
     * The dashboard's name.
     *
     * @default - a name CloudFormation generates
     */
    public String getDashboardName() {
        return values.dashboardName;
    }

    /**
     * A customer managed KMS key for every log group the construct creates (the scaler's, the deploy-time
     * functions', the provider framework's, the endpoint's access log and a new application's). The construct adds
     * the statement CloudWatch Logs needs to a key created in the same app; an imported key's policy must already
     * allow the {@code logs.<region>.amazonaws.com} principal (see the README's "Compliance").
     *
     * @default - CloudWatch Logs encrypts with keys it owns
     */
    public IKey getLogEncryptionKey() {
        return values.logEncryptionKey;
    }

    /**
     * Whether the scaler function and the endpoint's stage send traces to AWS X-Ray (active tracing). Adds the X-Ray
     * write permissions to the scaler's role and costs per trace.
     *
     * @default false
     */
    public Boolean getTracing() {
        return values.tracing;
    }

    /**
     * A VPC for the scaler function. The scaler then reaches the AWS APIs it calls (Managed Service for Apache
     * Flink, SSM, CloudWatch, Application Auto Scaling) through VPC endpoints or a NAT gateway, which the VPC must
     * provide; see the README's "Compliance".
     *
     * @default - the function runs outside any VPC
     */
    public IVpc getScalerVpc() {
        return values.scalerVpc;
    }

    /**
     * The scaler's subnets in {@link #getScalerVpc()}.
     *
     * @default - the VPC's private subnets
     */
    public SubnetSelection getScalerVpcSubnets() {
        return values.scalerVpcSubnets;
    }

    /**
     * The scaler's security groups in {@link #getScalerVpc()}.
     *
     * @default - one new security group with all outbound traffic allowed
     */
    public List<ISecurityGroup> getScalerSecurityGroups() {
        return values.scalerSecurityGroups;
    }

    /**
     * Concurrent executions reserved for the scaler: room for every call Application Auto Scaling and the reconcile
     * schedule make at once (a few), and a cap on what a runaway caller could cost.
     * {@code ScalerConcurrency.unreserved()} for an account whose unreserved concurrency cannot spare it.
     *
     * @default ScalerConcurrency.reserved(5)
     */
    public ScalerConcurrency getScalerConcurrency() {
        return values.scalerConcurrency;
    }

    /**
     * The fleet the application joins: its scaler, endpoint, deploy-time handlers, schedule, dashboard and health
     * alarm are then the fleet's, and the construct creates only the application's own parts (scalable target,
     * policies, alarms, state and configuration parameters, its dashboard section and health composite). The
     * application's name must be given; the props the fleet owns (reconcileInterval, logRetention, the scaler's and
     * the endpoint's settings, the dashboard's) must not be.
     *
     * @default - the construct creates its own scaler and endpoint
     */
    public KdaStepScalingFleet getFleet() {
        return values.fleet;
    }

    /**
     * Builds {@link KdaStepScalingProps}; an unset property takes its documented default. Its setters, one per
     * getter above, are declared once in {@link KdaStepScalingPropsSetters}, shared with
     * {@link KdaStepScaling.Builder}.
     */
    public static final class Builder extends KdaStepScalingPropsSetters<Builder> {

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public KdaStepScalingProps build() {
            return new KdaStepScalingProps(values.copy());
        }
    }
}
