package io.github.kdastepscaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The fleet example ({@value FleetExampleStack#STACK_NAME}): fifteen applications, one shared scaler. Its size (the
 * figures of docs/benchmarks.md, "Many applications"), the shared role's policy size, and the five cdk-nag packs.
 */
class FleetExampleStackTest {

    static final int MAX_RESOURCES = 500;
    static final int MAX_RESOURCES_PER_APPLICATION = 25;
    /** CloudFormation's limit on a template's size (uploaded through S3), in bytes. */
    static final int TEMPLATE_LIMIT = 1_000_000;
    /** IAM's limit on the aggregate size of a role's inline policies, in characters without whitespace. */
    static final int IAM_INLINE_POLICY_LIMIT = 10_240;

    static final List<String> PACKS =
            List.of("AwsSolutions", "NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321", "Serverless");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FleetExampleStack stack;
    private static JsonNode template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        stack = new FleetExampleStack(
                app, FleetExampleStack.STACK_NAME, StackProps.builder().build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        Aspects.of(app).add(new NIST80053R5Checks());
        Aspects.of(app).add(new HIPAASecurityChecks());
        Aspects.of(app).add(new PCIDSS321Checks());
        Aspects.of(app).add(new ServerlessChecks());
        app.synth();
        template = JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    private static Map<String, Long> countsByType(JsonNode template) {
        List<JsonNode> resources = new ArrayList<>();
        template.get("Resources").elements().forEachRemaining(resources::add);
        return resources.stream()
                .collect(Collectors.groupingBy(r -> r.get("Type").asText(), Collectors.counting()));
    }

    private static int resources(JsonNode template) {
        return template.get("Resources").size();
    }

    @Test
    void fifteenApplicationsFitInOneStackWithOneApi() {
        Map<String, Long> types = countsByType(template);
        System.out.println("fleet example: " + resources(template) + " resources, " + types);
        assertTrue(resources(template) <= MAX_RESOURCES, resources(template) + " resources");
        assertEquals(1L, types.get("AWS::ApiGateway::RestApi"));
        assertEquals((long) FleetExampleStack.APPLICATIONS, types.get("AWS::KinesisAnalyticsV2::Application"));
        assertEquals((long) FleetExampleStack.APPLICATIONS, types.get("AWS::ApplicationAutoScaling::ScalableTarget"));
        assertEquals(1L, types.get("AWS::CloudWatch::Dashboard"));
    }

    @Test
    void theTemplateFitsCloudFormationsSizeLimitWithoutIndentation() throws IOException {
        int size = JSON.writeValueAsString(template).length();
        System.out.println("fleet example template: " + size + " characters without indentation");
        assertTrue(size < TEMPLATE_LIMIT * 3 / 4, size + " characters");
    }

    @Test
    void noMoreLambdaFunctionsThanTheSingleApplicationExample() throws IOException {
        JsonNode single = JSON.readTree(Files.readString(ExampleStackTest.SNAPSHOT));
        long singleFunctions = countsByType(single).get("AWS::Lambda::Function");
        long fleetFunctions = countsByType(template).get("AWS::Lambda::Function");
        System.out.println("Lambda functions: fleet of 15 " + fleetFunctions + ", single example " + singleFunctions);
        assertTrue(fleetFunctions <= singleFunctions, fleetFunctions + " > " + singleFunctions);
    }

    @Test
    void eachAdditionalApplicationAddsAtMostTwentyFiveResources() {
        App app = new App();
        FleetExampleStack smaller =
                new FleetExampleStack(app, "Smaller", StackProps.builder().build(), FleetExampleStack.APPLICATIONS - 1);
        JsonNode fewer = JSON.valueToTree(Template.fromStack(smaller).toJSON());
        int added = resources(template) - resources(fewer);
        System.out.println("resources per additional application: " + added + " (" + resources(fewer) + " -> "
                + resources(template) + ")");
        assertTrue(added <= MAX_RESOURCES_PER_APPLICATION, added + " resources per application");
    }

    @Test
    void theSharedScalerRoleStaysWithinIamsInlinePolicyLimit() {
        String role = stack.resolve(((CfnResource)
                                stack.getFleet().getScalerRole().getNode().getDefaultChild())
                        .getLogicalId())
                .toString();
        int size = 0;
        for (Map.Entry<String, JsonNode> entry : template.get("Resources").properties()) {
            JsonNode resource = entry.getValue();
            if (entry.getKey().equals(role)) {
                for (JsonNode policy : resource.get("Properties").get("Policies")) {
                    size += RealisticValues.of(policy.get("PolicyDocument")).length();
                }
            } else if (resource.get("Type").asText().equals("AWS::IAM::Policy")
                    && resource.get("Properties").get("Roles").toString().contains("\"" + role + "\"")) {
                size += RealisticValues.of(resource.get("Properties").get("PolicyDocument"))
                        .length();
            }
        }
        System.out.println("shared scaler role's inline policies at 15 applications: " + size + " characters");
        assertTrue(size > 0);
        assertTrue(size < IAM_INLINE_POLICY_LIMIT, size + " characters");
    }

    // Annotations.find* still return cxapi.SynthesisMessage, deprecated in aws-cdk-lib with no replacement type in
    // the Java assertions API yet.
    @SuppressWarnings("deprecation")
    @Test
    void theFivePacksFindNothingUnsuppressed() {
        Annotations annotations = Annotations.fromStack(stack);
        List<String> found = PACKS.stream()
                .flatMap(pack -> Stream.concat(
                        annotations.findError("*", Match.stringLikeRegexp(pack.replace(".", "\\.") + "-.*")).stream(),
                        annotations
                                .findWarning("*", Match.stringLikeRegexp(pack.replace(".", "\\.") + "-.*"))
                                .stream()))
                .map(m -> m.getId() + ": " + m.getEntry().getData().toString().split("\n")[0])
                .distinct()
                .sorted()
                .collect(Collectors.toList());
        assertEquals(List.of(), found, "findings:\n" + String.join("\n", found));
        assertEquals(
                List.of(),
                annotations.findError("*", Match.anyValue()).stream()
                        .map(m -> m.getId() + ": " + m.getEntry().getData())
                        .collect(Collectors.toList()));
    }
}
