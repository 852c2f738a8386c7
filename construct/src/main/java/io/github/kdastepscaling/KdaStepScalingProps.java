package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesis.StreamProps;
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

    private final IStream existingStream;
    private final StreamProps streamProps;
    private final String existingApplicationName;
    private final FlinkApplicationProps applicationProps;
    private final Number initialCapacity;
    private final Number minCapacity;
    private final Number maxCapacity;
    private final Number kpuQuota;
    private final ScalingSignal scalingSignal;
    private final Number scaleOutRecordsPerSecondPerKpu;
    private final Number scaleInRecordsPerSecondPerKpu;
    private final LagGuardProps lagGuard;
    private final List<ScalingStep> scaleOutSteps;
    private final List<ScalingStep> scaleInSteps;
    private final Duration scaleOutCooldown;
    private final Duration scaleInCooldown;
    private final Duration expectedRestartDuration;
    private final Number scaleOutEvaluationPeriods;
    private final Number scaleOutDatapointsToAlarm;
    private final Number scaleInEvaluationPeriods;
    private final Number scaleInDatapointsToAlarm;
    private final Boolean allowScalingWithoutSnapshots;
    private final Duration reconcileInterval;
    private final RetentionDays logRetention;
    private final Number scalerMemorySize;
    private final String stageName;
    private final EndpointAccess endpointAccess;
    private final List<ScheduledCapacity> scheduledCapacity;
    private final Boolean dashboard;
    private final String dashboardName;
    private final IKey logEncryptionKey;
    private final Boolean tracing;
    private final IVpc scalerVpc;
    private final SubnetSelection scalerVpcSubnets;
    private final List<ISecurityGroup> scalerSecurityGroups;
    private final ScalerConcurrency scalerConcurrency;

    private KdaStepScalingProps(Builder b) {
        this.existingStream = b.existingStream;
        this.streamProps = b.streamProps;
        this.existingApplicationName = b.existingApplicationName;
        this.applicationProps = b.applicationProps;
        this.initialCapacity = b.initialCapacity;
        this.minCapacity = b.minCapacity;
        this.maxCapacity = b.maxCapacity;
        this.kpuQuota = b.kpuQuota;
        this.scalingSignal = b.scalingSignal;
        this.scaleOutRecordsPerSecondPerKpu = b.scaleOutRecordsPerSecondPerKpu;
        this.scaleInRecordsPerSecondPerKpu = b.scaleInRecordsPerSecondPerKpu;
        this.lagGuard = b.lagGuard;
        this.scaleOutSteps = copy(b.scaleOutSteps);
        this.scaleInSteps = copy(b.scaleInSteps);
        this.scaleOutCooldown = b.scaleOutCooldown;
        this.scaleInCooldown = b.scaleInCooldown;
        this.expectedRestartDuration = b.expectedRestartDuration;
        this.scaleOutEvaluationPeriods = b.scaleOutEvaluationPeriods;
        this.scaleOutDatapointsToAlarm = b.scaleOutDatapointsToAlarm;
        this.scaleInEvaluationPeriods = b.scaleInEvaluationPeriods;
        this.scaleInDatapointsToAlarm = b.scaleInDatapointsToAlarm;
        this.allowScalingWithoutSnapshots = b.allowScalingWithoutSnapshots;
        this.reconcileInterval = b.reconcileInterval;
        this.logRetention = b.logRetention;
        this.scalerMemorySize = b.scalerMemorySize;
        this.stageName = b.stageName;
        this.endpointAccess = b.endpointAccess;
        this.scheduledCapacity = copy(b.scheduledCapacity);
        this.dashboard = b.dashboard;
        this.dashboardName = b.dashboardName;
        this.logEncryptionKey = b.logEncryptionKey;
        this.tracing = b.tracing;
        this.scalerVpc = b.scalerVpc;
        this.scalerVpcSubnets = b.scalerVpcSubnets;
        this.scalerSecurityGroups = copy(b.scalerSecurityGroups);
        this.scalerConcurrency = b.scalerConcurrency;
    }

    /** An unmodifiable copy that keeps null elements, so validation can name them instead of a bare NPE. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
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
        return existingStream;
    }

    /**
     * Props of a new source stream. Its encryption defaults to {@code StreamEncryption.MANAGED}
     * ({@code KMS} when an {@code encryptionKey} is given).
     *
     * @default - a new stream with the Kinesis L2's defaults and the {@code aws/kinesis} managed key, when no
     *     {@link #getExistingStream()} is given
     */
    public StreamProps getStreamProps() {
        return streamProps;
    }

    /**
     * Name of an existing Managed Service for Apache Flink application in this stack's account and region. Give
     * this or {@link #getApplicationProps()}, not both. The construct does not change its configuration: turn the
     * service's own autoscaling off on it yourself.
     *
     * @default - a new application from {@link #getApplicationProps()}
     */
    public String getExistingApplicationName() {
        return existingApplicationName;
    }

    /**
     * Props of a new Flink application. Give this or {@link #getExistingApplicationName()}.
     *
     * @default - none; required unless {@link #getExistingApplicationName()} is given
     */
    public FlinkApplicationProps getApplicationProps() {
        return applicationProps;
    }

    /**
     * The capacity, in KPUs, the application starts with: a new application's parallelism is
     * {@code initialCapacity x parallelismPerKpu}, and the alarms' thresholds in the template are the ones of this
     * capacity. For an existing application, give its current capacity; if it differs, the scaler corrects the
     * thresholds on its first call (a reconcile runs every {@link #getReconcileInterval()}).
     *
     * @default - {@link #getMinCapacity()}
     */
    public Number getInitialCapacity() {
        return initialCapacity;
    }

    /**
     * Smallest capacity, in KPUs, scaling may choose.
     *
     * @default 1
     */
    public Number getMinCapacity() {
        return minCapacity;
    }

    /**
     * Largest capacity, in KPUs, scaling may choose; at most {@link #getKpuQuota()}. This is the scalable target's
     * maximum as deployed: {@link #getScheduledCapacity()} may raise it at run time, up to the KPU quota.
     *
     * @default 8
     */
    public Number getMaxCapacity() {
        return maxCapacity;
    }

    /**
     * The application's KPU quota. Raise it only after AWS has raised the quota for the application.
     *
     * @default 64
     */
    public Number getKpuQuota() {
        return kpuQuota;
    }

    /**
     * What the load alarms measure: incoming records (the default), incoming bytes, any load metric or any
     * utilization metric. See {@link ScalingSignal}.
     *
     * @default ScalingSignal.incomingRecords()
     */
    public ScalingSignal getScalingSignal() {
        return scalingSignal;
    }

    /**
     * The lag guard: an alarm on the job's lag whose policy adds capacity when the job falls behind, and which keeps
     * the load signal from scaling in meanwhile. {@code LagGuardProps.disabled()} turns it off.
     *
     * @default - on, with the defaults of {@link LagGuardProps}
     */
    public LagGuardProps getLagGuard() {
        return lagGuard;
    }

    /**
     * Records per second one KPU is sized for: the scale-out threshold is {@code capacity x} this value, and one
     * KPU of load in {@link #getScaleOutSteps()} is this many records per second. Only for the incoming-records
     * signal; other signals carry their own values.
     *
     * @default 1000
     */
    public Number getScaleOutRecordsPerSecondPerKpu() {
        return scaleOutRecordsPerSecondPerKpu;
    }

    /**
     * Records per second per KPU below which one KPU fewer would do: the scale-in threshold is
     * {@code (capacity - 1) x} this value (0 at {@link #getMinCapacity()}). Must be below
     * {@link #getScaleOutRecordsPerSecondPerKpu()}.
     *
     * @default 900
     */
    public Number getScaleInRecordsPerSecondPerKpu() {
        return scaleInRecordsPerSecondPerKpu;
    }

    /**
     * Scale-out steps: bounds in KPUs of load at or above the scale-out threshold, adjustments in KPUs (positive).
     *
     * @default [0, 1) -> +1, [1, 2) -> +2, [2, 3) -> +3, [3, 4) -> +4, [4, 5) -> +5, [5, +inf) -> +6
     */
    public List<ScalingStep> getScaleOutSteps() {
        return scaleOutSteps;
    }

    /**
     * Scale-in steps: bounds in KPUs of load below the scale-in threshold, adjustments in KPUs (negative).
     *
     * @default (-inf, -2] -> -3, (-2, -1] -> -2, (-1, 0] -> -1
     */
    public List<ScalingStep> getScaleInSteps() {
        return scaleInSteps;
    }

    /**
     * Cooldown of the scale-out policy; at least {@link #getExpectedRestartDuration()}.
     *
     * @default Duration.minutes(5)
     */
    public Duration getScaleOutCooldown() {
        return scaleOutCooldown;
    }

    /**
     * Cooldown of the scale-in policy; at least {@link #getExpectedRestartDuration()}.
     *
     * @default Duration.minutes(10)
     */
    public Duration getScaleInCooldown() {
        return scaleInCooldown;
    }

    /**
     * How long a rescale keeps the job from processing (it restarts from a snapshot). Only used to validate the
     * cooldowns.
     *
     * @default Duration.minutes(2)
     */
    public Duration getExpectedRestartDuration() {
        return expectedRestartDuration;
    }

    /**
     * Number of one-minute periods the scale-out alarm looks at.
     *
     * @default 1
     */
    public Number getScaleOutEvaluationPeriods() {
        return scaleOutEvaluationPeriods;
    }

    /**
     * How many of {@link #getScaleOutEvaluationPeriods()} must breach for the scale-out alarm to fire.
     *
     * @default 1
     */
    public Number getScaleOutDatapointsToAlarm() {
        return scaleOutDatapointsToAlarm;
    }

    /**
     * Number of one-minute periods the scale-in alarm looks at.
     *
     * @default 10
     */
    public Number getScaleInEvaluationPeriods() {
        return scaleInEvaluationPeriods;
    }

    /**
     * How many of {@link #getScaleInEvaluationPeriods()} must breach for the scale-in alarm to fire.
     *
     * @default 8
     */
    public Number getScaleInDatapointsToAlarm() {
        return scaleInDatapointsToAlarm;
    }

    /**
     * Whether the scaler may rescale an application whose snapshots are disabled. Such a rescale loses the job's
     * state.
     *
     * @default false
     */
    public Boolean getAllowScalingWithoutSnapshots() {
        return allowScalingWithoutSnapshots;
    }

    /**
     * How often a scheduled rule invokes the scaler's reconcile entry point, which finishes or repairs a rescale
     * (Application Auto Scaling's polling cadence is undocumented). Whole minutes, at least one.
     *
     * @default Duration.minutes(1)
     */
    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    /**
     * Retention of the log groups the construct creates (scaler Lambda, API access logs, Flink application).
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * Memory of the scaler Lambda, in MB.
     *
     * @default 512
     */
    public Number getScalerMemorySize() {
        return scalerMemorySize;
    }

    /**
     * Stage name of the scaling endpoint's REST API; part of the scalable target's {@code ResourceId}.
     *
     * @default "scaling"
     */
    public String getStageName() {
        return stageName;
    }

    /**
     * Who may call the scaling endpoint besides what IAM decides. The default deploys no resource policy, as AWS's
     * templates for custom-resource scaling do, so the principal that registers the scalable target (the stack's
     * CloudFormation execution role) is never denied; see {@link EndpointAccess} for the stricter, opt-in mode.
     *
     * @default EndpointAccess.iamAuthorization(): IAM (SigV4) authorization, no resource policy
     */
    public EndpointAccess getEndpointAccess() {
        return endpointAccess;
    }

    /**
     * Scheduled actions on the scalable target, which move its minimum and/or maximum capacity at given times (more
     * KPUs before a known daily peak, say). Names must be unique; each bound lies between 1 and
     * {@link #getKpuQuota()}.
     *
     * @default - none
     */
    public List<ScheduledCapacity> getScheduledCapacity() {
        return scheduledCapacity;
    }

    /**
     * Whether the construct creates a CloudWatch dashboard of the load, thresholds, capacity, restarts, lag, scaler
     * and endpoint.
     *
     * @default true
     */
    public Boolean getDashboard() {
        return dashboard;
    }

    /**
     * The dashboard's name.
     *
     * @default - a name CloudFormation generates
     */
    public String getDashboardName() {
        return dashboardName;
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
        return logEncryptionKey;
    }

    /**
     * Whether the scaler function and the endpoint's stage send traces to AWS X-Ray (active tracing). Adds the X-Ray
     * write permissions to the scaler's role and costs per trace.
     *
     * @default false
     */
    public Boolean getTracing() {
        return tracing;
    }

    /**
     * A VPC for the scaler function. The scaler then reaches the AWS APIs it calls (Managed Service for Apache
     * Flink, SSM, CloudWatch, Application Auto Scaling) through VPC endpoints or a NAT gateway, which the VPC must
     * provide; see the README's "Compliance".
     *
     * @default - the function runs outside any VPC
     */
    public IVpc getScalerVpc() {
        return scalerVpc;
    }

    /**
     * The scaler's subnets in {@link #getScalerVpc()}.
     *
     * @default - the VPC's private subnets
     */
    public SubnetSelection getScalerVpcSubnets() {
        return scalerVpcSubnets;
    }

    /**
     * The scaler's security groups in {@link #getScalerVpc()}.
     *
     * @default - one new security group with all outbound traffic allowed
     */
    public List<ISecurityGroup> getScalerSecurityGroups() {
        return scalerSecurityGroups;
    }

    /**
     * Concurrent executions reserved for the scaler: room for every call Application Auto Scaling and the reconcile
     * schedule make at once (a few), and a cap on what a runaway caller could cost.
     * {@code ScalerConcurrency.unreserved()} for an account whose unreserved concurrency cannot spare it.
     *
     * @default ScalerConcurrency.reserved(5)
     */
    public ScalerConcurrency getScalerConcurrency() {
        return scalerConcurrency;
    }

    /** Builds {@link KdaStepScalingProps}; an unset property takes its documented default. */
    public static final class Builder {
        private IStream existingStream;
        private StreamProps streamProps;
        private String existingApplicationName;
        private FlinkApplicationProps applicationProps;
        private Number initialCapacity;
        private Number minCapacity;
        private Number maxCapacity;
        private Number kpuQuota;
        private ScalingSignal scalingSignal;
        private Number scaleOutRecordsPerSecondPerKpu;
        private Number scaleInRecordsPerSecondPerKpu;
        private LagGuardProps lagGuard;
        private List<ScalingStep> scaleOutSteps;
        private List<ScalingStep> scaleInSteps;
        private Duration scaleOutCooldown;
        private Duration scaleInCooldown;
        private Duration expectedRestartDuration;
        private Number scaleOutEvaluationPeriods;
        private Number scaleOutDatapointsToAlarm;
        private Number scaleInEvaluationPeriods;
        private Number scaleInDatapointsToAlarm;
        private Boolean allowScalingWithoutSnapshots;
        private Duration reconcileInterval;
        private RetentionDays logRetention;
        private Number scalerMemorySize;
        private String stageName;
        private EndpointAccess endpointAccess;
        private List<ScheduledCapacity> scheduledCapacity;
        private Boolean dashboard;
        private String dashboardName;
        private IKey logEncryptionKey;
        private Boolean tracing;
        private IVpc scalerVpc;
        private SubnetSelection scalerVpcSubnets;
        private List<ISecurityGroup> scalerSecurityGroups;
        private ScalerConcurrency scalerConcurrency;

        private Builder() {
        }

        /** @see KdaStepScalingProps#getExistingStream() */
        public Builder existingStream(IStream value) {
            this.existingStream = value;
            return this;
        }

        /** @see KdaStepScalingProps#getStreamProps() */
        public Builder streamProps(StreamProps value) {
            this.streamProps = value;
            return this;
        }

        /** @see KdaStepScalingProps#getExistingApplicationName() */
        public Builder existingApplicationName(String value) {
            this.existingApplicationName = value;
            return this;
        }

        /** @see KdaStepScalingProps#getApplicationProps() */
        public Builder applicationProps(FlinkApplicationProps value) {
            this.applicationProps = value;
            return this;
        }

        /** @see KdaStepScalingProps#getInitialCapacity() */
        public Builder initialCapacity(Number value) {
            this.initialCapacity = value;
            return this;
        }

        /** @see KdaStepScalingProps#getMinCapacity() */
        public Builder minCapacity(Number value) {
            this.minCapacity = value;
            return this;
        }

        /** @see KdaStepScalingProps#getMaxCapacity() */
        public Builder maxCapacity(Number value) {
            this.maxCapacity = value;
            return this;
        }

        /** @see KdaStepScalingProps#getKpuQuota() */
        public Builder kpuQuota(Number value) {
            this.kpuQuota = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutRecordsPerSecondPerKpu() */
        public Builder scaleOutRecordsPerSecondPerKpu(Number value) {
            this.scaleOutRecordsPerSecondPerKpu = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInRecordsPerSecondPerKpu() */
        public Builder scaleInRecordsPerSecondPerKpu(Number value) {
            this.scaleInRecordsPerSecondPerKpu = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutSteps() */
        public Builder scaleOutSteps(List<ScalingStep> value) {
            this.scaleOutSteps = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInSteps() */
        public Builder scaleInSteps(List<ScalingStep> value) {
            this.scaleInSteps = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutCooldown() */
        public Builder scaleOutCooldown(Duration value) {
            this.scaleOutCooldown = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInCooldown() */
        public Builder scaleInCooldown(Duration value) {
            this.scaleInCooldown = value;
            return this;
        }

        /** @see KdaStepScalingProps#getExpectedRestartDuration() */
        public Builder expectedRestartDuration(Duration value) {
            this.expectedRestartDuration = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutEvaluationPeriods() */
        public Builder scaleOutEvaluationPeriods(Number value) {
            this.scaleOutEvaluationPeriods = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutDatapointsToAlarm() */
        public Builder scaleOutDatapointsToAlarm(Number value) {
            this.scaleOutDatapointsToAlarm = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInEvaluationPeriods() */
        public Builder scaleInEvaluationPeriods(Number value) {
            this.scaleInEvaluationPeriods = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInDatapointsToAlarm() */
        public Builder scaleInDatapointsToAlarm(Number value) {
            this.scaleInDatapointsToAlarm = value;
            return this;
        }

        /** @see KdaStepScalingProps#getAllowScalingWithoutSnapshots() */
        public Builder allowScalingWithoutSnapshots(Boolean value) {
            this.allowScalingWithoutSnapshots = value;
            return this;
        }

        /** @see KdaStepScalingProps#getReconcileInterval() */
        public Builder reconcileInterval(Duration value) {
            this.reconcileInterval = value;
            return this;
        }

        /** @see KdaStepScalingProps#getLogRetention() */
        public Builder logRetention(RetentionDays value) {
            this.logRetention = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScalerMemorySize() */
        public Builder scalerMemorySize(Number value) {
            this.scalerMemorySize = value;
            return this;
        }

        /** @see KdaStepScalingProps#getStageName() */
        public Builder stageName(String value) {
            this.stageName = value;
            return this;
        }

        /** @see KdaStepScalingProps#getEndpointAccess() */
        public Builder endpointAccess(EndpointAccess value) {
            this.endpointAccess = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScheduledCapacity() */
        public Builder scheduledCapacity(List<ScheduledCapacity> value) {
            this.scheduledCapacity = value;
            return this;
        }

        /** @see KdaStepScalingProps#getDashboard() */
        public Builder dashboard(Boolean value) {
            this.dashboard = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScalingSignal() */
        public Builder scalingSignal(ScalingSignal value) {
            this.scalingSignal = value;
            return this;
        }

        /** @see KdaStepScalingProps#getLogEncryptionKey() */
        public Builder logEncryptionKey(IKey value) {
            this.logEncryptionKey = value;
            return this;
        }

        /** @see KdaStepScalingProps#getTracing() */
        public Builder tracing(Boolean value) {
            this.tracing = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScalerVpc() */
        public Builder scalerVpc(IVpc value) {
            this.scalerVpc = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScalerVpcSubnets() */
        public Builder scalerVpcSubnets(SubnetSelection value) {
            this.scalerVpcSubnets = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScalerSecurityGroups() */
        public Builder scalerSecurityGroups(List<ISecurityGroup> value) {
            this.scalerSecurityGroups = value;
            return this;
        }

        /** @see KdaStepScalingProps#getScalerConcurrency() */
        public Builder scalerConcurrency(ScalerConcurrency value) {
            this.scalerConcurrency = value;
            return this;
        }

        /** @see KdaStepScalingProps#getLagGuard() */
        public Builder lagGuard(LagGuardProps value) {
            this.lagGuard = value;
            return this;
        }

        /** @see KdaStepScalingProps#getDashboardName() */
        public Builder dashboardName(String value) {
            this.dashboardName = value;
            return this;
        }

        public KdaStepScalingProps build() {
            return new KdaStepScalingProps(this);
        }
    }
}
