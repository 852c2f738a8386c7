package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.ScalingStep;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamProps;

/** Every invalid prop or combination fails at construction, naming the prop and its value. */
class KdaStepScalingValidationTest {

    private static String failure(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Invalid");
        return assertThrows(IllegalArgumentException.class, () -> TestStacks.construct(stack, customize))
                .getMessage();
    }

    @Test
    void failsWhenMinCapacityIsAboveMaxCapacity() {
        assertEquals(
                "maxCapacity (3) must be >= minCapacity (5)",
                failure(p -> p.minCapacity(5).maxCapacity(3)));
    }

    @Test
    void failsWhenMinCapacityIsBelowOne() {
        assertEquals("minCapacity (0) must be >= 1", failure(p -> p.minCapacity(0)));
    }

    @Test
    void failsWhenMaxCapacityIsAboveTheKpuQuota() {
        assertTrue(failure(p -> p.maxCapacity(65)).startsWith("maxCapacity (65) must be <= kpuQuota (64)"));
        assertTrue(
                failure(p -> p.maxCapacity(40).kpuQuota(32)).startsWith("maxCapacity (40) must be <= kpuQuota (32)"));
    }

    @Test
    void failsOnNonPositiveThresholds() {
        assertEquals(
                "scaleOutRecordsPerSecondPerKpu (0) must be a positive number",
                failure(p -> p.scaleOutRecordsPerSecondPerKpu(0.0)));
        assertEquals(
                "scaleInRecordsPerSecondPerKpu (-5) must be a positive number",
                failure(p -> p.scaleInRecordsPerSecondPerKpu(-5.0)));
    }

    @Test
    void failsWhenScaleInThresholdIsNotBelowScaleOut() {
        assertTrue(failure(p -> p.scaleOutRecordsPerSecondPerKpu(800.0).scaleInRecordsPerSecondPerKpu(800.0))
                .startsWith("scaleInRecordsPerSecondPerKpu (800) must be below scaleOutRecordsPerSecondPerKpu (800)"));
    }

    @Test
    void failsWhenStepsLeaveAGap() {
        assertEquals(
                "scaleOutSteps: steps [0, 1) -> +1 and [2, +inf) -> +3 leave a gap from 1 to 2 KPUs of load",
                failure(p -> p.scaleOutSteps(List.of(ScalingStep.between(0, 1, 1), ScalingStep.from(2, 3)))));
    }

    @Test
    void failsWhenStepsOverlap() {
        assertEquals(
                "scaleInSteps: steps (-inf, -1] -> -2 and (-2, 0] -> -1 overlap",
                failure(p -> p.scaleInSteps(List.of(ScalingStep.upTo(-1, -2), ScalingStep.between(-2, 0, -1)))));
    }

    @Test
    void failsWhenAStepHasTheWrongSign() {
        assertEquals(
                "scaleOutSteps[0] [0, +inf) -> -1 is a scale-out step: its adjustment must be positive",
                failure(p -> p.scaleOutSteps(List.of(ScalingStep.from(0, -1)))));
        assertEquals(
                "scaleInSteps[0] (-inf, 0] -> +1 is a scale-in step: its adjustment must be negative",
                failure(p -> p.scaleInSteps(List.of(ScalingStep.upTo(0, 1)))));
    }

    @Test
    void failsWhenTheStepsLeaveTheMaximumUnreachable() {
        assertEquals(
                "scaleOutSteps: the last step [0, 2) -> +1 must have no upper bound, or loads more than 2 KPUs "
                        + "above the threshold match no step and maxCapacity may never be reached",
                failure(p -> p.scaleOutSteps(List.of(ScalingStep.between(0, 2, 1)))));
        assertTrue(failure(p -> p.maxCapacity(10).scaleInSteps(List.of(ScalingStep.between(-3, 0, -1))))
                .startsWith("scaleInSteps: the lowest step (-3, 0] -> -1 must have no lower bound (or one at or "
                        + "below -9), or a load near zero at maxCapacity (10) matches no step"));
    }

    @Test
    void failsWhenScaleInStepsWouldFlap() {
        assertEquals(
                "scaleInSteps: the step (-inf, -0.5] -> -3 at capacity 3 scales in to 1 KPUs while the load can "
                        + "be 1485 records/s, at or above the scale-out threshold of 1 KPUs (1000 records/s): the policy "
                        + "would flap; lower scaleInRecordsPerSecondPerKpu (990) or make the step smaller",
                failure(p -> p.scaleOutRecordsPerSecondPerKpu(1000.0)
                        .scaleInRecordsPerSecondPerKpu(990.0)
                        .scaleInSteps(List.of(ScalingStep.upTo(-0.5, -3), ScalingStep.between(-0.5, 0, -2)))));
    }

    @Test
    void failsWhenACooldownIsShorterThanARestart() {
        assertTrue(failure(p -> p.scaleOutCooldown(Duration.seconds(60)))
                .startsWith("scaleOutCooldown (60 s) must be at least expectedRestartDuration (120 s)"));
    }

    @Test
    void failsOnDurationsThatAreNotWholeSeconds() {
        assertEquals(
                "scaleInCooldown (1 second 500 millis) must be a whole number of seconds",
                failure(p -> p.scaleInCooldown(Duration.millis(1500))));
    }

    @Test
    void failsOnNegativeDurations() {
        // CDK's Duration refuses a negative amount before the construct sees it; the construct checks too.
        assertThrows(RuntimeException.class, () -> Duration.seconds(-1));
        assertTrue(failure(p -> p.expectedRestartDuration(Duration.seconds(0))
                        .scaleOutCooldown(Duration.seconds(0))
                        .scaleInCooldown(Duration.seconds(0))
                        .reconcileInterval(Duration.seconds(0)))
                .startsWith("reconcileInterval (0 seconds) must be a whole number of minutes, at least 1"));
    }

    @Test
    void failsOnAReconcileIntervalThatIsNotWholeMinutes() {
        assertEquals(
                "reconcileInterval (1 minute 30 seconds) must be a whole number of minutes, at least 1",
                failure(p -> p.reconcileInterval(Duration.seconds(90))));
    }

    @Test
    void failsOnEvaluationPeriodsAndDatapoints() {
        assertEquals(
                "scaleOutEvaluationPeriods (0) must be between 1 and 1440: CloudWatch evaluates at most one day "
                        + "of one-minute periods",
                failure(p -> p.scaleOutEvaluationPeriods(0)));
        assertEquals(
                "scaleInDatapointsToAlarm (11) must be between 1 and scaleInEvaluationPeriods (10)",
                failure(p -> p.scaleInEvaluationPeriods(10).scaleInDatapointsToAlarm(11)));
    }

    @Test
    void failsWhenInitialCapacityIsOutsideTheRange() {
        assertEquals(
                "initialCapacity (9) must be between minCapacity (1) and maxCapacity (8)",
                failure(p -> p.maxCapacity(8).initialCapacity(9)));
        assertEquals(
                "initialCapacity (1) must be between minCapacity (2) and maxCapacity (8)",
                failure(p -> p.minCapacity(2).maxCapacity(8).initialCapacity(1)));
    }

    @Test
    void failsWhenParallelismPerKpuIsOutsideOneToEight() {
        for (int value : new int[] {0, 9}) {
            Stack stack = TestStacks.stack("Invalid");
            String message = assertThrows(
                            IllegalArgumentException.class,
                            () -> new KdaStepScaling(
                                    stack,
                                    "Scaling",
                                    KdaStepScalingProps.builder()
                                            .applicationProps(TestStacks.application(stack)
                                                    .parallelismPerKpu(value)
                                                    .build())
                                            .build()))
                    .getMessage();
            assertEquals("parallelismPerKpu (" + value + ") must be between 1 and 8", message);
        }
    }

    @Test
    void failsWithBothAnExistingStreamAndStreamProps() {
        assertEquals(
                "give either existingStream or streamProps, not both",
                failure(p -> p.existingStream(Stream.fromStreamArn(
                                new Stack(), "S", "arn:aws:kinesis:eu-west-1:123456789012:stream/s"))
                        .streamProps(StreamProps.builder().build())));
    }

    @Test
    void failsWithBothOrNeitherApplication() {
        assertEquals(
                "give either existingApplicationName or applicationProps, not both",
                failure(p -> p.existingApplicationName("job")));
        assertEquals("give either existingApplicationName or applicationProps", failure(p -> p.applicationProps(null)));
    }

    @Test
    void failsOnAnExistingApplicationWithoutItsStream() {
        String message = failure(p -> p.applicationProps(null).existingApplicationName("clicks-job"));
        assertTrue(
                message.startsWith(
                        "existingApplicationName (clicks-job) needs existingStream: the stream that "
                                + "application reads. Without it the construct creates a new stream the application never reads"),
                message);
        message = failure(p -> p.applicationProps(null)
                .existingApplicationName("clicks-job")
                .streamProps(StreamProps.builder().build()));
        assertTrue(message.contains("creates a new stream from streamProps the application never reads"), message);
    }

    @Test
    void failsOnPropsThatWouldBeIgnored() {
        assertEquals(
                "dashboardName (ops) needs a dashboard: dashboard is false, so no dashboard would carry that "
                        + "name; remove one of the two",
                failure(p -> p.dashboard(false).dashboardName("ops")));
        assertEquals(
                "lagGuard.lagMetric is set but lagGuard.enabled is false: the guard is off, so it would be "
                        + "ignored; remove lagMetric or turn the guard on",
                failure(p -> p.lagGuard(LagGuardProps.builder()
                        .enabled(false)
                        .lagMetric(LagMetric.millisBehindLatest())
                        .build())));
        assertTrue(failure(p -> p.lagGuard(LagGuardProps.builder()
                        .enabled(false)
                        .maxLag(Duration.minutes(2))
                        .build()))
                .startsWith("lagGuard.maxLag is set"));
    }

    @Test
    void failsOnAnUnencryptedStream() {
        assertTrue(failure(p -> p.streamProps(StreamProps.builder()
                        .encryption(StreamEncryption.UNENCRYPTED)
                        .build()))
                .startsWith("streamProps.encryption (UNENCRYPTED) is not allowed"));
    }

    @Test
    void failsOnAStreamFromAnotherRegionOrAccount() {
        assertTrue(failure(p -> p.existingStream(
                        Stream.fromStreamArn(new Stack(), "S", "arn:aws:kinesis:us-east-1:123456789012:stream/s")))
                .startsWith("existingStream (s) is in region us-east-1, not the stack's region eu-west-1"));
        assertTrue(failure(p -> p.existingStream(
                        Stream.fromStreamArn(new Stack(), "S", "arn:aws:kinesis:eu-west-1:210987654321:stream/s")))
                .startsWith("existingStream (s) is in account 210987654321, not the stack's account 123456789012"));
    }

    @Test
    void failsOnSnapshotsOffWithoutTheSafetySwitch() {
        Stack stack = TestStacks.stack("Invalid");
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> new KdaStepScaling(
                                stack,
                                "Scaling",
                                KdaStepScalingProps.builder()
                                        .applicationProps(TestStacks.application(stack)
                                                .snapshotsEnabled(false)
                                                .build())
                                        .build()))
                .getMessage();
        assertTrue(message.startsWith("applicationProps.snapshotsEnabled (false) needs allowScalingWithoutSnapshots"));
    }

    @Test
    void failsOnInvalidNames() {
        assertEquals(
                "existingApplicationName (my job) must be 1 to 128 letters, digits, '_', '.' or '-'",
                failure(p -> p.applicationProps(null)
                        .existingApplicationName("my job")
                        .existingStream(Stream.fromStreamArn(
                                new Stack(), "S", "arn:aws:kinesis:eu-west-1:123456789012:stream/s"))));
        assertEquals("stageName (v-1) must be 1 to 128 letters, digits or '_'", failure(p -> p.stageName("v-1")));
        Stack stack = TestStacks.stack("Invalid");
        assertThrows(
                IllegalArgumentException.class,
                () -> new KdaStepScaling(
                        stack,
                        "Scaling",
                        KdaStepScalingProps.builder()
                                .applicationProps(TestStacks.application(stack)
                                        .propertyGroups(Map.of("kda-step-scaling", Map.of()))
                                        .build())
                                .build()));
    }

    @Test
    void failsOnNumbersThatAreTokens() {
        assertTrue(failure(p -> p.maxCapacity(Token.asNumber(Aws.ACCOUNT_ID).intValue()))
                .contains("must be"));
    }

    @Test
    void acceptsUnresolvedNames() {
        Stack stack = TestStacks.stack("Tokens");
        CfnParameter name =
                CfnParameter.Builder.create(stack, "ApplicationName").build();
        assertDoesNotThrow(() -> new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .existingApplicationName(name.getValueAsString())
                        .existingStream(Stream.fromStreamArn(
                                stack, "Source", "arn:aws:kinesis:eu-west-1:123456789012:stream/s"))
                        .build()));
    }

    // Annotations.find* still return cxapi.SynthesisMessage, deprecated in aws-cdk-lib with no replacement type in
    // the Java assertions API yet.
    @SuppressWarnings("deprecation")
    @Test
    void warnsWhenTheMaximumParallelismExceedsFlinksDefaultMaxParallelism() {
        Stack stack = TestStacks.stack("Warning");
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .applicationProps(TestStacks.application(stack)
                                .parallelismPerKpu(8)
                                .build())
                        .maxCapacity(20)
                        .build());

        var warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(".*maxParallelism.*"));
        assertEquals(1, warnings.size());
        assertTrue(
                String.valueOf(warnings.get(0).getEntry().getData())
                        .startsWith(
                                "maxCapacity (20) x "
                                        + "parallelismPerKpu (8) = 160 is above 128, the max parallelism Flink gives a job that sets none"));
    }

    private static ScheduledCapacity.Builder mornings() {
        return ScheduledCapacity.builder()
                .name("mornings")
                .schedule(Schedule.expression("cron(0 7 ? * MON-FRI *)"))
                .minCapacity(4);
    }

    private static String scheduledFailure(ScheduledCapacity... actions) {
        return failure(p -> p.scheduledCapacity(List.of(actions)));
    }

    @Test
    void failsOnScheduledCapacityWithoutABound() {
        assertEquals(
                "scheduled capacity 'mornings': give minCapacity, maxCapacity or both",
                scheduledFailure(mornings().minCapacity(null).build()));
    }

    @Test
    void failsOnScheduledCapacityWithCrossedBoundsOrAboveTheQuota() {
        assertEquals(
                "scheduled capacity 'mornings': minCapacity (4) must be <= maxCapacity (3)",
                scheduledFailure(mornings().maxCapacity(3).build()));
        assertEquals(
                "scheduled capacity 'mornings': maxCapacity (65) must be between 1 and kpuQuota (64)",
                scheduledFailure(mornings().maxCapacity(65).build()));
        assertEquals(
                "scheduled capacity 'mornings': minCapacity (0) must be between 1 and kpuQuota (64)",
                scheduledFailure(mornings().minCapacity(0).build()));
        assertEquals(
                "scheduled capacity 'mornings': minCapacity (2.5) must be a whole number of KPUs",
                scheduledFailure(mornings().minCapacity(2.5).build()));
    }

    @Test
    void failsOnDuplicateOrMalformedScheduledCapacityNames() {
        assertEquals(
                "scheduled capacity 'mornings' is named twice: names must be unique on the scalable target",
                scheduledFailure(mornings().build(), mornings().maxCapacity(10).build()));
        assertTrue(scheduledFailure(mornings().name("a:b").build())
                .startsWith("scheduled capacity 'a:b': the name " + "must be 1 to 256 characters without ':'"));
        assertTrue(scheduledFailure(mornings().name(null).build())
                .startsWith("scheduled capacity (without a name): the name"));
    }

    @Test
    void failsOnAMalformedSchedule() {
        assertEquals(
                "scheduled capacity 'mornings': schedule (cron(0 7 * * MON-FRI *)) is not valid: exactly one of "
                        + "Day-of-month (*) and Day-of-week (MON-FRI) must be '?'",
                scheduledFailure(mornings()
                        .schedule(Schedule.expression("cron(0 7 * * MON-FRI *)"))
                        .build()));
        assertEquals(
                "scheduled capacity 'mornings': schedule (cron(0 25 ? * MON *)) is not valid: Hours value 25 is "
                        + "outside 0-23",
                scheduledFailure(mornings()
                        .schedule(Schedule.expression("cron(0 25 ? * MON *)"))
                        .build()));
        assertEquals(
                "scheduled capacity 'mornings': a schedule is required",
                scheduledFailure(mornings().schedule(null).build()));
    }

    @Test
    void failsOnAnUnknownTimeZoneOrAnEmptyWindow() {
        assertEquals(
                "scheduled capacity 'mornings': timeZone (Mars/Olympus) is not an IANA time zone name",
                scheduledFailure(
                        mornings().timeZone(TimeZone.of("Mars/Olympus")).build()));
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        assertEquals(
                "scheduled capacity 'mornings': startTime (2026-03-01T00:00:00Z) must be before endTime "
                        + "(2026-02-28T00:00:00Z)",
                scheduledFailure(mornings()
                        .startTime(t)
                        .endTime(Instant.parse("2026-02-28T00:00:00Z"))
                        .build()));
    }

    @Test
    void failsOnRestrictedEndpointAccessWithoutTheRegisteringPrincipal() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointAccess.restrictedTo(List.of()))
                .getMessage()
                .startsWith("endpointAccess: restrictedTo needs the ARN of the principal that registers"));
        assertEquals(
                "endpointAccess: restrictedTo (arn:aws:sts::123456789012:assumed-role/deployer/session) must be "
                        + "an IAM role or user ARN, e.g. arn:aws:iam::111122223333:role/deployer; the resource policy "
                        + "compares it with aws:PrincipalArn, which is never a session ARN",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> EndpointAccess.restrictedTo(
                                        List.of("arn:aws:sts::123456789012:assumed-role/deployer/session")))
                        .getMessage());
    }

    @Test
    void failsWithoutARuntimeOrCode() {
        assertTrue(failure(p -> p.applicationProps(FlinkApplicationProps.builder()
                        .code(ApplicationCode.fromBucket(TestStacks.codeBucket(TestStacks.stack("NoRuntime")), "j.jar"))
                        .build()))
                .startsWith("applicationProps.runtime is required: the Flink version the job is built for"));
        assertTrue(failure(p -> p.applicationProps(FlinkApplicationProps.builder()
                        .runtime(FlinkRuntime.FLINK_1_20)
                        .build()))
                .startsWith("applicationProps.code is required"));
        assertEquals(
                "applicationProps.runtime (SQL-1_0) must be a Flink runtime such as FLINK-1_20: this construct "
                        + "scales Managed Service for Apache Flink applications only",
                assertThrows(IllegalArgumentException.class, () -> FlinkRuntime.of("SQL-1_0"))
                        .getMessage());
    }

    @Test
    void failsOnAFractionalCount() {
        assertEquals("maxCapacity (8.5) must be a whole number", failure(p -> p.maxCapacity(8.5)));
        assertEquals(
                "scaleInEvaluationPeriods (2.5) must be a whole number", failure(p -> p.scaleInEvaluationPeriods(2.5)));
        assertDoesNotThrow(() -> TestStacks.construct(
                TestStacks.stack("WholeDouble"),
                p -> p.maxCapacity(8.0).scaleOutRecordsPerSecondPerKpu(1500).scaleInRecordsPerSecondPerKpu(1200.5f)));
    }

    @Test
    void failsOnNetworkPropsWithoutAVpcAndOnAZeroCheckpointInterval() {
        assertEquals(
                "applicationProps.vpcSubnets and securityGroups need applicationProps.vpc",
                failure(p -> p.applicationProps(TestStacks.application(TestStacks.stack("NoVpc"))
                        .securityGroups(List.of())
                        .build())));
        assertEquals(
                "applicationProps.checkpointInterval (0 seconds) must be at least 1 second",
                failure(p -> p.applicationProps(TestStacks.application(TestStacks.stack("ZeroCheckpoint"))
                        .checkpointInterval(Duration.seconds(0))
                        .build())));
    }

    @Test
    void failsOnMissingPropsOrCodeLocationsWithoutANullPointerException() {
        assertEquals(
                "props must not be null: give KdaStepScalingProps with at least applicationProps or "
                        + "existingApplicationName",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new KdaStepScaling(TestStacks.stack("NullProps"), "Scaling", null))
                        .getMessage());
        assertEquals(
                "applicationProps.code: fromBucket needs a bucket",
                assertThrows(IllegalArgumentException.class, () -> ApplicationCode.fromBucket(null, "k"))
                        .getMessage());
        assertEquals(
                "applicationProps.code: fromAsset needs a path",
                assertThrows(IllegalArgumentException.class, () -> ApplicationCode.fromAsset(null))
                        .getMessage());
    }

    @Test
    void failsOnNullElementsNamingThemRatherThanWithANullPointerException() {
        assertEquals(
                "scaleOutSteps[1] must not be null",
                failure(p -> p.scaleOutSteps(Arrays.asList(ScalingStep.between(0, 1, 1), null))));
        assertEquals(
                "scheduledCapacity must not contain null",
                failure(p -> p.scheduledCapacity(Arrays.asList((ScheduledCapacity) null))));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("key", null);
        assertEquals(
                "applicationProps.propertyGroups (job: {key=null}) must have no null group id, key or value",
                failure(p -> p.applicationProps(TestStacks.application(TestStacks.stack("NullProperty"))
                        .propertyGroups(Map.of("job", withNull))
                        .build())));
    }

    @Test
    void failsOnARestoreChoiceWithoutTheStart() {
        assertEquals(
                "applicationProps.firstStartRestore (RESTORE_FROM_LATEST_SNAPSHOT) needs "
                        + "applicationProps.startApplication (true)",
                failure(p -> p.applicationProps(TestStacks.application(TestStacks.stack("NoStart"))
                        .firstStartRestore(FirstStartRestore.RESTORE_FROM_LATEST_SNAPSHOT)
                        .build())));
    }

    @Test
    void failsOnAReconcileIntervalAboveADayAndABadDashboardName() {
        assertTrue(failure(p -> p.reconcileInterval(Duration.days(2)))
                .startsWith("reconcileInterval (2 days) must be at most 1 day"));
        assertEquals(
                "dashboardName (my dashboard) must be 1 to 255 letters, digits, '-' or '_'",
                failure(p -> p.dashboardName("my dashboard")));
    }
}
