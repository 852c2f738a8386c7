package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code KdaStepScaling.Builder} offers every prop setter of {@code KdaStepScalingProps.Builder}, with its type. */
class ConstructBuilderTest {

    private static Set<String> setters(Class<?> builder) {
        return Arrays.stream(builder.getDeclaredMethods())
                .filter(method -> java.lang.reflect.Modifier.isPublic(method.getModifiers()))
                .filter(method -> method.getParameterCount() == 1 && method.getReturnType() == builder)
                .map(ConstructBuilderTest::signature)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Method method) {
        return method.getName() + "(" + method.getGenericParameterTypes()[0].getTypeName() + ")";
    }

    @Test
    void everyPropHasItsSetterOnTheConstructsBuilder() {
        Set<String> props = setters(KdaStepScalingProps.Builder.class);
        assertEquals(36, props.size(), props.toString());
        assertEquals(props, setters(KdaStepScaling.Builder.class));
    }
}
