package io.github.kdastepscaling.examples;

import io.github.kdastepscaling.ApplicationCode;
import io.github.kdastepscaling.FlinkApplicationProps;
import io.github.kdastepscaling.FlinkRuntime;
import io.github.kdastepscaling.KdaStepScaling;
import io.github.kdastepscaling.KdaStepScalingFleet;
import io.github.kdastepscaling.KdaStepScalingFleetProps;
import io.github.kdastepscaling.KdaStepScalingProps;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.constructs.Construct;

/**
 * Fifteen Flink applications, each with its own stream and job, scaled by one shared scaler: one API, one scaler
 * function, one dashboard and one health alarm for all of them ({@link KdaStepScalingFleet}).
 */
public class FleetExampleStack extends Stack {

    public static final String STACK_NAME = "KdaStepScalingFleetExample";
    public static final String FLEET_ID = "example";
    public static final int APPLICATIONS = 15;

    private final KdaStepScalingFleet fleet;
    private final List<KdaStepScaling> applications = new ArrayList<>();

    public FleetExampleStack(Construct scope, String id, StackProps props) {
        this(scope, id, props, APPLICATIONS);
    }

    /** The same stack with {@code count} applications (the tests compare sizes). */
    public FleetExampleStack(Construct scope, String id, StackProps props, int count) {
        super(scope, id, props);
        this.fleet = new KdaStepScalingFleet(
                this,
                "Fleet",
                KdaStepScalingFleetProps.builder().fleetId(FLEET_ID).build());
        ApplicationCode code = ApplicationCode.fromAsset(FlinkJobJar.path().toString());
        for (int i = 1; i <= count; i++) {
            String name = applicationName(i);
            applications.add(new KdaStepScaling(
                    this,
                    String.format("Application%02d", i),
                    ExampleStack.scalingSettings(KdaStepScalingProps.builder())
                            .fleet(fleet)
                            .streamProps(StreamProps.builder()
                                    .streamMode(StreamMode.ON_DEMAND)
                                    .build())
                            .applicationProps(FlinkApplicationProps.builder()
                                    .applicationName(name)
                                    .runtime(FlinkRuntime.FLINK_1_19)
                                    .code(code)
                                    .startApplication(true)
                                    .build())
                            .build()));
        }
        ExampleSuppressions.apply(fleet.getApi());

        CfnOutput.Builder.create(this, "ScalingEndpoint")
                .value(fleet.getApi().getUrl())
                .build();
        CfnOutput.Builder.create(this, "ConfigurationPath")
                .value(fleet.getConfigurationPath())
                .build();
    }

    /** The name of the {@code index}th application (from 1). */
    public static String applicationName(int index) {
        return String.format("kda-step-scaling-fleet-example-%02d", index);
    }

    public KdaStepScalingFleet getFleet() {
        return fleet;
    }

    public List<KdaStepScaling> getApplications() {
        return List.copyOf(applications);
    }
}
