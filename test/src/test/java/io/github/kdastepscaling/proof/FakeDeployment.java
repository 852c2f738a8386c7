package io.github.kdastepscaling.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values one deployment of a synthesized template would have: fake but well-formed account, region, names and
 * ARNs. A resource's physical name is its name property when the template sets one, else a name CloudFormation
 * would generate from the stack and logical id.
 */
final class FakeDeployment {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final String PARTITION = "aws";
    static final String URL_SUFFIX = "amazonaws.com";

    private final String stackName;
    private final JsonNode resources;
    private final Intrinsics intrinsics;
    private final Map<String, JsonNode> customResourceData = new HashMap<>();

    FakeDeployment(String stackName, JsonNode template) {
        this.stackName = stackName;
        this.resources = template.path("Resources");
        this.intrinsics = new Intrinsics(this);
    }

    Intrinsics intrinsics() {
        return intrinsics;
    }

    JsonNode resources() {
        return resources;
    }

    /** The resource's properties with every intrinsic resolved. */
    JsonNode properties(String logicalId) {
        return intrinsics.resolve(resource(logicalId).path("Properties"));
    }

    String ref(String name) {
        switch (name) {
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Region":
                return REGION;
            case "AWS::Partition":
                return PARTITION;
            case "AWS::URLSuffix":
                return URL_SUFFIX;
            case "AWS::StackName":
                return stackName;
            case "AWS::StackId":
                return arn("cloudformation", "stack/" + stackName + "/00000000-0000-0000-0000-000000000000");
            case "AWS::NoValue":
                return "";
            default:
                return refOf(name);
        }
    }

    /**
     * Records what a custom resource's handler answered (its {@code Data}): its {@code Fn::GetAtt}s then read it, as
     * CloudFormation's do.
     */
    void answered(String logicalId, JsonNode data) {
        customResourceData.put(logicalId, data);
    }

    String getAtt(String logicalId, String attribute) {
        if (customResourceData.containsKey(logicalId)
                && customResourceData.get(logicalId).has(attribute)) {
            return customResourceData.get(logicalId).get(attribute).asText();
        }
        String type = resource(logicalId).path("Type").asText();
        String name = physicalName(logicalId);
        switch (type + "." + attribute) {
            case "AWS::Kinesis::Stream.Arn":
                return arn("kinesis", "stream/" + name);
            case "AWS::KMS::Key.Arn":
                return arn("kms", "key/" + name);
            case "AWS::IAM::Role.Arn":
                return "arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/" + name;
            case "AWS::Lambda::Function.Arn":
                return arn("lambda", "function:" + name);
            case "AWS::Logs::LogGroup.Arn":
                return arn("logs", "log-group:" + name + ":*");
            case "AWS::CloudWatch::Alarm.Arn":
                return arn("cloudwatch", "alarm:" + name);
            case "AWS::SSM::Parameter.Type":
                return "String";
            case "AWS::SSM::Parameter.Value":
                return properties(logicalId).path("Value").asText();
            case "AWS::ApiGateway::RestApi.RootResourceId":
                return "rootres";
            case "AWS::Events::Rule.Arn":
                return arn("events", "rule/" + name);
            case "AWS::S3::Bucket.Arn":
                return "arn:" + PARTITION + ":s3:::" + name;
            default:
                if ("Arn".equals(attribute)) {
                    return arn(type.split("::")[1].toLowerCase(Locale.ROOT), logicalId);
                }
                return logicalId + "." + attribute;
        }
    }

    private String refOf(String logicalId) {
        String type = resource(logicalId).path("Type").asText();
        String name = physicalName(logicalId);
        switch (type) {
            case "AWS::Lambda::Version":
                return intrinsics
                                .resolveText(
                                        resource(logicalId).path("Properties").path("FunctionName"))
                                .replaceFirst("^(?!arn:)", arn("lambda", "function:"))
                        + ":1";
            case "AWS::Lambda::Alias":
                return intrinsics
                                .resolveText(
                                        resource(logicalId).path("Properties").path("FunctionName"))
                                .replaceFirst("^(?!arn:)", arn("lambda", "function:"))
                        + ":" + name;
            case "AWS::ApplicationAutoScaling::ScalingPolicy":
                return "arn:" + PARTITION + ":autoscaling:" + REGION + ":" + ACCOUNT + ":scalingPolicy:"
                        + "00000000-0000-0000-0000-" + String.format("%012d", Math.abs(logicalId.hashCode()))
                        + ":resource/custom-resource/" + logicalId + ":policyName/" + name;
            case "AWS::ApiGateway::RestApi":
                return "a1b2c3d4e5";
            case "AWS::KMS::Key":
                return "0000aaaa-bb11-cc22-dd33-" + String.format("%012d", Math.abs(logicalId.hashCode()));
            default:
                return name;
        }
    }

    /** The name property of the resource's type, resolved, or a generated one. */
    String physicalName(String logicalId) {
        JsonNode resource = resource(logicalId);
        JsonNode properties = resource.path("Properties");
        String nameProperty = switch (resource.path("Type").asText()) {
            case "AWS::SSM::Parameter",
                    "AWS::Kinesis::Stream",
                    "AWS::ApiGateway::RestApi",
                    "AWS::Events::Rule",
                    "AWS::Lambda::Alias" -> "Name";
            case "AWS::CloudWatch::Alarm" -> "AlarmName";
            case "AWS::KinesisAnalyticsV2::Application" -> "ApplicationName";
            case "AWS::Logs::LogGroup" -> "LogGroupName";
            case "AWS::IAM::Role" -> "RoleName";
            case "AWS::Lambda::Function" -> "FunctionName";
            case "AWS::ApplicationAutoScaling::ScalingPolicy" -> "PolicyName";
            case "AWS::ApiGateway::Stage" -> "StageName";
            case "AWS::S3::Bucket" -> "BucketName";
            default -> null;
        };
        if (nameProperty != null && properties.has(nameProperty)) {
            return intrinsics.resolveText(properties.get(nameProperty));
        }
        String generated = stackName + "-" + logicalId + "-ABCDEF123456";
        return "AWS::Logs::LogGroup".equals(resource.path("Type").asText()) ? "/aws/generated/" + generated : generated;
    }

    private String arn(String service, String resource) {
        return "arn:" + PARTITION + ":" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    private JsonNode resource(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template");
        }
        return resource;
    }
}
