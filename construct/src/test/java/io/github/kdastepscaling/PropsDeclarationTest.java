package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * A prop is declared once, as a field of {@link PropValues}; its getter on {@link KdaStepScalingProps} and its setter
 * on {@link KdaStepScalingPropsSetters} are checked against that field here, by reflection, with no count written
 * down: adding a prop is three edits (field, setter, getter with its {@code @default}), and forgetting one fails.
 */
class PropsDeclarationTest {

    /** The props as PropValues declares them: name to generic type. */
    private static Map<String, Type> declared() {
        Map<String, Type> props = new TreeMap<>();
        for (Field field : PropValues.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                props.put(field.getName(), field.getGenericType());
            }
        }
        return props;
    }

    private static Map<String, Type> getters() {
        Map<String, Type> getters = new TreeMap<>();
        for (Method method : KdaStepScalingProps.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers())
                    && !Modifier.isStatic(method.getModifiers())
                    && method.getName().startsWith("get")
                    && method.getParameterCount() == 0) {
                String name = method.getName().substring(3);
                getters.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), method.getGenericReturnType());
            }
        }
        return getters;
    }

    /** The public one-argument methods of {@code builder} that return the builder itself, as seen by its callers. */
    private static Map<String, Type> setters(Class<?> builder) {
        Type self = ((ParameterizedType) builder.getGenericSuperclass()).getActualTypeArguments()[0];
        assertSame(builder, self, builder + " must return itself from the setters");
        Map<String, Type> setters = new TreeMap<>();
        for (Method method : builder.getMethods()) {
            boolean returnsBuilder = method.getReturnType() == builder
                    || method.getGenericReturnType() instanceof TypeVariable<?>
                            && method.getDeclaringClass() == KdaStepScalingPropsSetters.class;
            if (returnsBuilder && method.getParameterCount() == 1 && !method.isBridge()) {
                setters.put(method.getName(), method.getGenericParameterTypes()[0]);
            }
        }
        return setters;
    }

    @Test
    void everyDeclaredPropHasOneGetterAndOneSetterOfItsTypeOnBothBuilders() {
        Map<String, Type> declared = declared();
        assertTrue(declared.size() > 1, declared.toString());
        assertEquals(declared, getters(), "KdaStepScalingProps' getters");
        assertEquals(declared, setters(KdaStepScalingProps.Builder.class), "KdaStepScalingProps.Builder's setters");
        assertEquals(declared, setters(KdaStepScaling.Builder.class), "KdaStepScaling.Builder's setters");
    }

    /**
     * Each setter writes its own prop and each getter reads it: set one prop at a time, through either builder's
     * setters, and only that prop's getter answers.
     */
    @Test
    void eachSetterReachesItsOwnGetterOnly() throws ReflectiveOperationException {
        for (String prop : declared().keySet()) {
            Method setter = Arrays.stream(KdaStepScalingPropsSetters.class.getDeclaredMethods())
                    .filter(method -> method.getName().equals(prop))
                    .findFirst()
                    .orElseThrow();
            Object value = sample(setter.getParameterTypes()[0]);
            KdaStepScalingProps.Builder builder = KdaStepScalingProps.builder();
            setter.invoke(builder, value);
            KdaStepScalingProps props = builder.build();
            for (String other : declared().keySet()) {
                Object read = KdaStepScalingProps.class
                        .getMethod("get" + Character.toUpperCase(other.charAt(0)) + other.substring(1))
                        .invoke(props);
                if (other.equals(prop)) {
                    assertNotNull(read, prop);
                    assertEquals(value, read, prop);
                } else {
                    assertNull(read, "setting " + prop + " set " + other);
                }
            }
        }
    }

    @Test
    void aBuiltPropsIsNotChangedByTheBuilderAfterwards() {
        KdaStepScalingProps.Builder builder = KdaStepScalingProps.builder().maxCapacity(4);
        KdaStepScalingProps built = builder.build();
        builder.maxCapacity(6);
        assertEquals(4, built.getMaxCapacity());
        assertEquals(6, builder.build().getMaxCapacity());
    }

    private static final Map<Class<?>, Supplier<Object>> SAMPLES = Map.of(
            Number.class,
            () -> 3,
            String.class,
            () -> "name",
            Boolean.class,
            () -> Boolean.TRUE,
            List.class,
            List::of,
            Duration.class,
            () -> Duration.minutes(3),
            RetentionDays.class,
            () -> RetentionDays.ONE_DAY,
            ScalingSignal.class,
            ScalingSignal::incomingRecords,
            LagGuardProps.class,
            LagGuardProps::disabled,
            EndpointAccess.class,
            EndpointAccess::iamAuthorization,
            ScalerConcurrency.class,
            ScalerConcurrency::unreserved);

    /** A non-null value of {@code type}: an interface gets a proxy; a new prop of a new class type adds a sample. */
    private static Object sample(Class<?> type) {
        if (type == FlinkApplicationProps.class) {
            return FlinkApplicationProps.builder().build();
        }
        if (type == SnapshotRetentionProps.class) {
            return SnapshotRetentionProps.disabled();
        }
        if (type == RateLearningProps.class) {
            return RateLearningProps.disabled();
        }
        if (type == KdaStepScalingFleet.class) {
            return new KdaStepScalingFleet(
                    new Stack(),
                    "Fleet",
                    KdaStepScalingFleetProps.builder().fleetId("sample").build());
        }
        if (SAMPLES.containsKey(type)) {
            return SAMPLES.get(type).get();
        }
        assertTrue(type.isInterface(), "add a sample of " + type + " to PropsDeclarationTest");
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("equals")) {
                return proxy == args[0]; // NOPMD: a proxy equals only itself
            }
            return method.getName().equals("hashCode") ? System.identityHashCode(proxy) : null;
        });
    }
}
