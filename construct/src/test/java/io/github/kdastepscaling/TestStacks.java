package io.github.kdastepscaling;

import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;

/** Stacks for the tests: one synthesis per test class. */
final class TestStacks {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";

    private TestStacks() {}

    static Stack stack(String name) {
        App app = new App();
        return new Stack(
                app,
                name,
                StackProps.builder()
                        .env(Environment.builder()
                                .account(ACCOUNT)
                                .region(REGION)
                                .build())
                        .build());
    }

    static IBucket codeBucket(Stack stack) {
        return Bucket.fromBucketName(stack, "CodeBucket", "my-code-bucket");
    }

    static FlinkApplicationProps.Builder application(Stack stack) {
        return FlinkApplicationProps.builder()
                .code(ApplicationCode.fromBucket(codeBucket(stack), "jobs/job.jar"))
                .runtime(FlinkRuntime.FLINK_1_20);
    }

    static KdaStepScaling construct(Stack stack, Consumer<KdaStepScalingProps.Builder> customize) {
        KdaStepScalingProps.Builder props = KdaStepScalingProps.builder()
                .applicationProps(application(stack).build());
        customize.accept(props);
        return new KdaStepScaling(stack, "Scaling", props.build());
    }
}
