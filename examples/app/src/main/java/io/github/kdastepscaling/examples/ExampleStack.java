package io.github.kdastepscaling.examples;

import io.github.kdastepscaling.ApplicationCode;
import io.github.kdastepscaling.FlinkApplicationProps;
import io.github.kdastepscaling.FlinkRuntime;
import io.github.kdastepscaling.KdaStepScaling;
import io.github.kdastepscaling.KdaStepScalingProps;
import io.github.kdastepscaling.ScheduledCapacity;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.applicationautoscaling.CronOptions;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.constructs.Construct;

/**
 * A new encrypted stream, a new Flink application running the example job, and KdaStepScaling between them.
 */
public class ExampleStack extends Stack {

    public static final String STACK_NAME = "KdaStepScalingExample";
    /** The application's name, for {@code aws kinesisanalyticsv2 start-application --application-name}. */
    public static final String APPLICATION_NAME = "kda-step-scaling-example";

    private final KdaStepScaling scaling;

    public ExampleStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        this.scaling = new KdaStepScaling(
                this,
                "Scaling",
                scalingSettings(KdaStepScalingProps.builder())
                        .streamProps(StreamProps.builder()
                                .streamMode(StreamMode.ON_DEMAND)
                                .build())
                        .applicationProps(FlinkApplicationProps.builder()
                                .applicationName(APPLICATION_NAME)
                                // The job uses the Kinesis connector 4.3.0-1.19, the newest on Maven Central.
                                .runtime(FlinkRuntime.FLINK_1_19)
                                .code(ApplicationCode.fromAsset(
                                        FlinkJobJar.path().toString()))
                                // cdk deploy leaves a running job: the first start skips restoring (no snapshot yet).
                                .startApplication(true)
                                .build())
                        .scaleOutEvaluationPeriods(2)
                        .scaleOutDatapointsToAlarm(2)
                        .scaleInEvaluationPeriods(10)
                        .scaleInDatapointsToAlarm(8)
                        // Known load, known time: two KPUs at least before the weekday-morning peak, and room above
                        // maxCapacity for it; the evening action gives the night back to the load-driven policy.
                        .scheduledCapacity(List.of(
                                ScheduledCapacity.builder()
                                        .name("weekday-morning-peak")
                                        .schedule(Schedule.cron(CronOptions.builder()
                                                .weekDay("MON-FRI")
                                                .hour("7")
                                                .minute("30")
                                                .build()))
                                        .timeZone(TimeZone.EUROPE_BERLIN)
                                        .minCapacity(2)
                                        .maxCapacity(6)
                                        .build(),
                                ScheduledCapacity.builder()
                                        .name("weekday-evening")
                                        .schedule(Schedule.cron(CronOptions.builder()
                                                .weekDay("MON-FRI")
                                                .hour("19")
                                                .minute("0")
                                                .build()))
                                        .timeZone(TimeZone.EUROPE_BERLIN)
                                        .minCapacity(1)
                                        .maxCapacity(4)
                                        .build()))
                        .build());
        ExampleSuppressions.apply(scaling);

        CfnOutput.Builder.create(this, "ApplicationName")
                .value(scaling.getApplicationName())
                .build();
        CfnOutput.Builder.create(this, "StreamName")
                .value(scaling.getStream().getStreamName())
                .build();
        CfnOutput.Builder.create(this, "ScalingEndpoint")
                .value(scaling.getApi().getUrl())
                .build();
    }

    public KdaStepScaling getScaling() {
        return scaling;
    }
    /**
     * The example's scaling settings, spelled out: size them for your own job (see the README). Setting them here
     * also keeps the example's templates independent of retuned defaults; the fleet example's applications use them
     * too.
     */
    static KdaStepScalingProps.Builder scalingSettings(KdaStepScalingProps.Builder builder) {
        return builder.minCapacity(1)
                .maxCapacity(4)
                .scaleOutRecordsPerSecondPerKpu(1000)
                .scaleInRecordsPerSecondPerKpu(800)
                .scaleOutSteps(
                        List.of(ScalingStep.between(0, 1, 1), ScalingStep.between(1, 2, 2), ScalingStep.from(2, 3)))
                .scaleInSteps(List.of(ScalingStep.upTo(-1, -2), ScalingStep.between(-1, 0, -1)))
                .scaleOutCooldown(Duration.minutes(5))
                .scaleInCooldown(Duration.minutes(10))
                .expectedRestartDuration(Duration.minutes(2));
    }
}
