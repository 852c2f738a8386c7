package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/**
 * What a first deploy writes to an alarm's {@code Threshold}: a number stays a number; a load alarm's
 * {@code Fn::GetAtt} of the deploy-time thresholds resource is that resource's inputs through the shared formula at
 * its initial capacity (no desired capacity is stored yet), as its handler computes them
 * ({@code DeployTimeCapacityHandlerTest} in {@code lambda/}, {@code RedeployProofTest} in {@code test/}).
 */
final class FirstDeploy {

    private FirstDeploy() {}

    @SuppressWarnings("unchecked")
    static double threshold(Template template, Object threshold) {
        if (threshold instanceof Number number) {
            return number.doubleValue();
        }
        List<Object> getAtt = (List<Object>) ((Map<String, Object>) threshold).get("Fn::GetAtt");
        Map<String, Object> resource =
                template.findResources(DeployTimeResources.THRESHOLDS_TYPE).get((String) getAtt.get(0));
        Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
        ScalingThresholds thresholds = ScalingThresholds.load(
                SignalKind.valueOf((String) properties.get(DeployTimeResources.SIGNAL_KIND)),
                Double.parseDouble((String) properties.get(DeployTimeResources.SCALE_OUT_PER_KPU)),
                Double.parseDouble((String) properties.get(DeployTimeResources.SCALE_IN_PER_KPU)),
                Integer.parseInt((String) properties.get(DeployTimeResources.MIN_CAPACITY)));
        int initial = Integer.parseInt((String) properties.get(DeployTimeResources.INITIAL_CAPACITY));
        return getAtt.get(1).equals(DeployTimeResources.SCALE_OUT_THRESHOLD_ATTRIBUTE)
                ? thresholds.scaleOutThreshold(initial)
                : thresholds.scaleInThreshold(initial);
    }

    /** The {@code Threshold} of the alarm named {@code alarmName} in {@code template}, as a first deploy writes it. */
    @SuppressWarnings("unchecked")
    static double thresholdOf(Template template, String alarmName) {
        for (Object resource : template.findResources("AWS::CloudWatch::Alarm").values()) {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            if (alarmName.equals(properties.get("AlarmName"))) {
                return threshold(template, properties.get("Threshold"));
            }
        }
        throw new AssertionError("no alarm " + alarmName);
    }
}
