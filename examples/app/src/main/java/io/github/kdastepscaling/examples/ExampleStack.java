package io.github.kdastepscaling.examples;

import io.github.kdastepscaling.ApplicationCode;
import io.github.kdastepscaling.FlinkApplicationProps;
import io.github.kdastepscaling.KdaStepScaling;
import io.github.kdastepscaling.KdaStepScalingProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
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
        this.scaling = new KdaStepScaling(this, "Scaling", KdaStepScalingProps.builder()
                .streamProps(StreamProps.builder().streamMode(StreamMode.ON_DEMAND).build())
                .applicationProps(FlinkApplicationProps.builder()
                        .applicationName(APPLICATION_NAME)
                        // The job uses the Kinesis connector 4.3.0-1.19, the newest on Maven Central.
                        .runtime("FLINK-1_19")
                        .code(ApplicationCode.fromAsset(FlinkJobJar.path().toString()))
                        .build())
                .maxCapacity(4)
                .build());
        ExampleSuppressions.apply(scaling);

        CfnOutput.Builder.create(this, "ApplicationName").value(scaling.getApplicationName()).build();
        CfnOutput.Builder.create(this, "StreamName").value(scaling.getStream().getStreamName()).build();
        CfnOutput.Builder.create(this, "ScalingEndpoint").value(scaling.getApi().getUrl()).build();
    }

    public KdaStepScaling getScaling() {
        return scaling;
    }
}
