package io.github.kdastepscaling;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The props of a {@link KdaStepScalingFleet}: what every application of the fleet shares. Build with
 * {@link #builder()}; an unset property takes its default.
 */
public final class KdaStepScalingFleetProps {

    private final String fleetId;
    private final Duration reconcileInterval;
    private final RetentionDays logRetention;
    private final Number scalerMemorySize;
    private final Number scalerReservedConcurrency;
    private final String dashboardName;

    private KdaStepScalingFleetProps(Builder b) {
        this.fleetId = b.fleetId;
        this.reconcileInterval = b.reconcileInterval;
        this.logRetention = b.logRetention;
        this.scalerMemorySize = b.scalerMemorySize;
        this.scalerReservedConcurrency = b.scalerReservedConcurrency;
        this.dashboardName = b.dashboardName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fleet's name, unique in the account and region: 1 to 32 letters, digits or '_' (no '-', so that one fleet's
     * alarm-name prefix is never another's). It names the SSM path of the fleet's parameters
     * ({@code /kda-step-scaling/fleets/<fleetId>}) and the prefix of its scaling alarms, which the shared scaler's
     * role is scoped to.
     *
     * @default - required
     */
    public String getFleetId() {
        return fleetId;
    }

    /**
     * How often the scheduled reconcile runs over every application of the fleet: a whole number of minutes, 1 to
     * 1440.
     *
     * @default 1 minute
     */
    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    /**
     * The retention of every log group the fleet and its applications create.
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * The shared scaler's memory in MB, 128 to 10240 (more memory also means more CPU for a reconcile of many
     * applications).
     *
     * @default 1024
     */
    public Number getScalerMemorySize() {
        return scalerMemorySize;
    }

    /**
     * Concurrent executions reserved for the shared scaler, 1 to 100: one scheduled reconcile covers every
     * application, and each application's scaling activity adds a call.
     *
     * @default 10
     */
    public Number getScalerReservedConcurrency() {
        return scalerReservedConcurrency;
    }

    /**
     * The fleet dashboard's name.
     *
     * @default - a name CloudFormation generates
     */
    public String getDashboardName() {
        return dashboardName;
    }

    /** Builds {@link KdaStepScalingFleetProps}. */
    public static final class Builder {
        private String fleetId;
        private Duration reconcileInterval;
        private RetentionDays logRetention;
        private Number scalerMemorySize;
        private Number scalerReservedConcurrency;
        private String dashboardName;

        private Builder() {}

        /** @see KdaStepScalingFleetProps#getFleetId() */
        public Builder fleetId(String value) {
            this.fleetId = value;
            return this;
        }

        /** @see KdaStepScalingFleetProps#getReconcileInterval() */
        public Builder reconcileInterval(Duration value) {
            this.reconcileInterval = value;
            return this;
        }

        /** @see KdaStepScalingFleetProps#getLogRetention() */
        public Builder logRetention(RetentionDays value) {
            this.logRetention = value;
            return this;
        }

        /** @see KdaStepScalingFleetProps#getScalerMemorySize() */
        public Builder scalerMemorySize(Number value) {
            this.scalerMemorySize = value;
            return this;
        }

        /** @see KdaStepScalingFleetProps#getScalerReservedConcurrency() */
        public Builder scalerReservedConcurrency(Number value) {
            this.scalerReservedConcurrency = value;
            return this;
        }

        /** @see KdaStepScalingFleetProps#getDashboardName() */
        public Builder dashboardName(String value) {
            this.dashboardName = value;
            return this;
        }

        public KdaStepScalingFleetProps build() {
            return new KdaStepScalingFleetProps(this);
        }
    }
}
