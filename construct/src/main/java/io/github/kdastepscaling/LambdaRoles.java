package io.github.kdastepscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The roles of the construct's Lambda functions: one inline policy with the function's statements and the right to
 * write its own log group, nothing managed. Used by the scaler, the deploy-time handlers and the provider framework.
 */
final class LambdaRoles {

    private LambdaRoles() {}

    /** A policy document with {@code statements} first, which {@link #withOwnLogs} adds the log statement to. */
    static PolicyDocument document(List<PolicyStatement> statements) {
        return PolicyDocument.Builder.create()
                .statements(new ArrayList<>(statements))
                .build();
    }

    /**
     * A role whose one inline policy is {@code document} (which the caller may still add statements to before
     * synthesis: a fleet's, as applications register) with the right to write the function's log group.
     *
     * @param policyName the inline policy's name
     * @param logsSid the sid of the statement that writes the log group
     * @param logGroupArn the function's log group, the only one it may write
     * @param document what else the function may do, first in the policy
     */
    static Role withOwnLogs(
            Construct scope,
            String id,
            String description,
            String policyName,
            String logsSid,
            String logGroupArn,
            PolicyDocument document) {
        document.addStatements(PolicyStatement.Builder.create()
                .sid(logsSid)
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroupArn))
                .build());
        return Role.Builder.create(scope, id)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .inlinePolicies(Map.of(policyName, document))
                .build();
    }
}
