package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.fakes.RecordedCall;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks shared by every stack shape: the scaler role's policy, as synthesized, allows each call the scaler made
 * and nothing it never makes.
 */
final class ScalerPermissions {

    /**
     * Actions the function's role needs that the scaler's code never calls: the Lambda runtime writes the
     * function's logs with them.
     */
    static final Set<String> RUNTIME_ACTIONS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");

    /**
     * The action the Lambda service takes with the function's role to put an asynchronous invocation (a reconcile)
     * that failed after its retries into the function's dead-letter queue: granted on that one queue only.
     */
    static final String DEAD_LETTER_ACTION = "sqs:SendMessage";

    /**
     * Actions that support no resource-level permissions, so a statement for them can only name {@code *}: the
     * Service Authorization Reference lists no resource type for Application Auto Scaling's Describe actions, nor
     * for CloudWatch's GetMetricData (the rate learning's read).
     */
    static final Set<String> RESOURCELESS_ACTIONS =
            Set.of("application-autoscaling:DescribeScalableTargets", "cloudwatch:GetMetricData");

    private ScalerPermissions() {}

    static void assertEveryCallIsAllowed(IamPolicy policy, List<RecordedCall> calls) {
        assertFalse(calls.isEmpty());
        for (RecordedCall call : calls) {
            assertFalse(call.resourceArns().isEmpty(), "the fake names the resource of " + call);
            for (String arn : call.resourceArns()) {
                assertTrue(
                        policy.allows(call.iamAction(), arn),
                        "the role does not allow " + call.iamAction() + " on " + arn);
            }
        }
    }

    static void assertNothingUnused(IamPolicy policy, List<RecordedCall> calls, String logGroupArn) {
        Set<String> called =
                new TreeSet<>(calls.stream().map(RecordedCall::iamAction).toList());
        Set<String> granted = new TreeSet<>();
        for (IamPolicy.Statement statement : policy.statements()) {
            assertFalse(statement.deny());
            for (String resource : statement.resources()) {
                if (resource.equals("*")) {
                    assertTrue(
                            RESOURCELESS_ACTIONS.containsAll(statement.actions()),
                            "Resource * for actions that take a resource ARN: " + statement.actions());
                    continue;
                }
                assertFalse(
                        resource.contains("*") && !resource.equals(logGroupArn),
                        "wildcard resource " + resource + " for " + statement.actions());
            }
            for (String action : statement.actions()) {
                assertFalse(action.contains("*"), "wildcard action " + action);
                granted.add(action);
                if (action.equals(DEAD_LETTER_ACTION)) {
                    assertEquals(1, statement.resources().size(), "the dead-letter grant names one queue");
                    assertTrue(
                            statement.resources().get(0).contains(":sqs:"),
                            "the dead-letter grant is on a queue: " + statement.resources());
                }
                if (RUNTIME_ACTIONS.contains(action)) {
                    assertEquals(
                            List.of(logGroupArn),
                            statement.resources(),
                            "runtime log actions only on the function's own log group");
                }
            }
        }
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(called);
        unused.removeAll(RUNTIME_ACTIONS);
        unused.remove(DEAD_LETTER_ACTION);
        assertEquals(Set.of(), unused, "granted but never called");
        Set<String> missing = new TreeSet<>(called);
        missing.removeAll(granted);
        assertEquals(Set.of(), missing, "called but not granted");
    }

    /** The fleet-mode listing: authorised on the applications path itself, which is all it may be granted on. */
    static final String LIST_ACTION = "ssm:GetParametersByPath";

    /**
     * The checks for a fleet's shared scaler role (issue 21): wildcards only where the fleet contract puts them (SSM
     * names under the fleet's path, alarm names with the fleet's prefix, {@code *} for resourceless reads; the
     * runtime's log writes on log groups, the dead-letter grant on one queue), {@value #LIST_ACTION} on the fleet's
     * applications path only, and every other action granted is called.
     *
     * @param fleetArn the SSM ARN of {@code FLEET_CONFIGURATION_PATH}
     * @param alarmPrefixArn the start of the fleet's alarm ARNs, {@code ...:alarm:kda-step-scaling-<fleetId>-}: an
     *                       alarm pattern must begin with it ({@code <prefix>*}, or {@code <prefix>*-ScaleOut} ...)
     */
    static void assertFleetScoped(IamPolicy policy, List<RecordedCall> calls, String fleetArn, String alarmPrefixArn) {
        Set<String> granted = new TreeSet<>();
        for (IamPolicy.Statement statement : policy.statements()) {
            assertFalse(statement.deny());
            if (RUNTIME_ACTIONS.containsAll(statement.actions())) {
                // The Lambda runtime's log writes, on the function's own log group (its streams: ":*").
                assertTrue(
                        statement.resources().stream()
                                .allMatch(resource -> resource.contains(":logs:") && resource.contains(":log-group:")),
                        "runtime log actions only on log groups: " + statement);
                continue;
            }
            if (statement.actions().equals(List.of(DEAD_LETTER_ACTION))) {
                assertEquals(1, statement.resources().size(), "the dead-letter grant names one queue");
                assertTrue(statement.resources().get(0).contains(":sqs:"), "the dead-letter grant is on a queue");
                continue;
            }
            granted.addAll(statement.actions());
            if (statement.actions().contains(LIST_ACTION)) {
                assertEquals(List.of(LIST_ACTION), statement.actions(), "the listing has a statement of its own");
                assertEquals(
                        List.of(fleetArn + "/applications"),
                        statement.resources(),
                        LIST_ACTION + " on the fleet's applications path only");
            }
            for (String resource : statement.resources()) {
                if (resource.equals("*")) {
                    assertTrue(
                            RESOURCELESS_ACTIONS.containsAll(statement.actions()),
                            "Resource * for actions that take a resource ARN: " + statement.actions());
                } else if (resource.contains("*")) {
                    assertTrue(
                            resource.startsWith(fleetArn + "/")
                                    || (resource.startsWith(alarmPrefixArn) && !alarmPrefixArn.contains("*")),
                            "wildcard resource " + resource + " outside the fleet's path and alarm prefix");
                }
            }
        }
        Set<String> called =
                new TreeSet<>(calls.stream().map(RecordedCall::iamAction).toList());
        assertTrue(called.contains(LIST_ACTION), "the fleet was listed");
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(called);
        assertEquals(Set.of(), unused, "granted but never called");
    }
}
