package io.github.kdastepscaling;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;

/** The README's three lines route the health alarm to an SNS topic. */
class HealthAlarmRoutingTest {

    @Test
    void theReadmesThreeLinesRouteTheHealthAlarm() {
        Stack stack = TestStacks.stack("Routing");
        KdaStepScaling scaling = TestStacks.construct(stack, p -> p.dashboard(false));

        Topic topic = Topic.Builder.create(stack, "ScalingAlerts").build();
        topic.addSubscription(new EmailSubscription("flink-oncall@example.com"));
        scaling.getScalerHealthAlarm().addAlarmAction(new SnsAction(topic));

        Template.fromStack(stack)
                .hasResourceProperties(
                        "AWS::CloudWatch::CompositeAlarm",
                        Match.objectLike(Map.of(
                                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("ScalingAlerts.*"))))));
    }
}
