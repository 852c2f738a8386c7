package io.github.kdastepscaling.examples;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The example CDK app: one {@link ExampleStack} and one {@link FleetExampleStack}, checked by cdk-nag's AwsSolutions
 * pack. Run from the repository
 * root with {@code npx cdk synth} (see cdk.json) after {@code mvn -B verify}.
 */
public final class ExampleApp {

    private ExampleApp() {}

    public static void main(String[] args) {
        App app = new App();
        create(app);
        createFleet(app);
        app.synth();
    }

    /** Adds the example stack, with the AwsSolutions checks, to {@code app}. */
    public static ExampleStack create(App app) {
        ExampleStack stack = new ExampleStack(
                app,
                ExampleStack.STACK_NAME,
                StackProps.builder()
                        .description("kda-step-scaling example: a Flink application that scales with its source stream")
                        .env(environment())
                        .build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }

    /** Adds the fleet example stack (fifteen applications, one shared scaler) to {@code app}. */
    public static FleetExampleStack createFleet(App app) {
        return new FleetExampleStack(
                app,
                FleetExampleStack.STACK_NAME,
                StackProps.builder()
                        .description(
                                "kda-step-scaling fleet example: fifteen Flink applications scaled by one shared scaler")
                        // Fifteen applications make a template of about 860 kB indented: without the indentation it is
                        // about 660 kB, well within CloudFormation's 1 MB.
                        .suppressTemplateIndentation(true)
                        .env(environment())
                        .build());
    }

    /** The account and region of the CLI's profile when there is one; environment-agnostic otherwise. */
    private static Environment environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        if (account == null || region == null) {
            return null;
        }
        return Environment.builder().account(account).region(region).build();
    }
}
