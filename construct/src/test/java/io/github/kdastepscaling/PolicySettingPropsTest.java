package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.github.kdastepscaling.policy.PolicySetting;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every setting of the shared list is a construct prop, with a getter and a setter of the same name. */
class PolicySettingPropsTest {

    @ParameterizedTest
    @EnumSource(PolicySetting.class)
    void everyPolicySettingIsAProp(PolicySetting setting) {
        String name = setting.propName();
        String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        assertDoesNotThrow(() -> KdaStepScalingProps.class.getMethod(getter), getter);
        assertDoesNotThrow(
                () -> Arrays.stream(KdaStepScalingProps.Builder.class.getMethods())
                        .filter(method -> method.getName().equals(name))
                        .findFirst()
                        .orElseThrow(),
                name);
    }
}
