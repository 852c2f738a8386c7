package io.github.kdastepscaling;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * Every log group the construct creates: the props' retention, and the customer managed KMS key when one is given
 * ({@code logEncryptionKey}). Without a key, CloudWatch Logs encrypts the events with keys it owns.
 */
final class ConstructLogGroups {

    private ConstructLogGroups() {}

    static LogGroup create(Construct scope, String id, SharedSettings settings) {
        LogGroup logGroup = LogGroup.Builder.create(scope, id)
                .retention(settings.logRetention())
                .encryptionKey(settings.logEncryptionKey())
                .build();
        NagSuppressionMetadata.logGroup(logGroup, settings.logEncryptionKey() != null);
        return logGroup;
    }

    /**
     * The key policy statement CloudWatch Logs needs to use {@code key} for this account's log groups in this region
     * (CloudWatch Logs user guide, "Encrypt log data in CloudWatch Logs using AWS KMS"): the logs service principal
     * of the region, limited by the encryption context to log groups of this account and region. Every construct
     * sharing the key adds the same statement, which the key policy keeps once. A key imported by ARN keeps its own
     * policy: the construct warns that it must allow the same.
     */
    static void allowLogsService(Construct scope, IKey key) {
        Stack stack = Stack.of(scope);
        if (!(key instanceof Key)) {
            Annotations.of(scope)
                    .addWarningV2(
                            "kda-step-scaling:importedLogKey",
                            "logEncryptionKey is imported: "
                                    + "its key policy must allow the logs." + stack.getRegion()
                                    + " service principal to use it for "
                                    + "this account's log groups (README, Compliance), or the log groups cannot be created");
        }
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchLogsOfThisStack")
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + "." + stack.getUrlSuffix())))
                .actions(List.of(
                        "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "ArnLike",
                        Map.of(
                                "kms:EncryptionContext:aws:logs:arn",
                                "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                                        + ":log-group:*")))
                .build());
    }
}
