package io.github.kdastepscaling.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Alarm;
import io.github.kdastepscaling.fakes.EmbeddedMetricFormat;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.SettableClock;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.ScalerHandler;
import io.github.kdastepscaling.policy.AlarmShape;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScaledLoad;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import io.github.kdastepscaling.simulator.AlarmThresholds;
import io.github.kdastepscaling.simulator.CapacityActuator;
import io.github.kdastepscaling.simulator.InMemoryCapacityActuator;
import io.github.kdastepscaling.simulator.JobModel;
import io.github.kdastepscaling.simulator.JobSettings;
import io.github.kdastepscaling.simulator.ReferenceTraces;
import io.github.kdastepscaling.simulator.StepScalingRun;
import io.github.kdastepscaling.simulator.StepScalingSimulation;
import io.github.kdastepscaling.simulator.StepScalingSpec;
import io.github.kdastepscaling.simulator.ThresholdSetter;
import io.github.kdastepscaling.simulator.Trace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The model and the product agree: the simulator's alarm and step-scaling model drives the real scaler over the
 * local fakes (PATCH when a policy fires, GET each minute, thresholds read back from the fake alarms the scaler
 * re-set), and the capacities it produces minute by minute equal the pure simulation's.
 */
class ClosedLoopTest {

    private static final String APPLICATION = "closed-loop";
    private static final String PARAMETER = "/closed-loop/desired-capacity";
    private static final String ATTEMPT_PARAMETER = "/closed-loop/last-rescale";
    private static final String SCALE_OUT_ALARM = "closed-loop-scale-out";
    private static final String SCALE_IN_ALARM = "closed-loop-scale-in";
    private static final Pattern ACTUAL = Pattern.compile("\\\\\"actualCapacity\\\\\":(\\d+)");

    /** The step trace's first 260 minutes: a scale-out at minute 60 and the scale-in after minute 180. */
    private static Trace stepTrace() {
        Trace full = ReferenceTraces.load("step");
        double[] loads = new double[260];
        Arrays.setAll(loads, full::load);
        return Trace.of("step-260", loads);
    }

    @Test
    void theRealScalerFollowsTheModelOnTheStepTrace() throws Exception {
        ScalingPolicy policy = ScalingPolicy.builder().build();
        Trace trace = stepTrace();
        int initial = policy.capacityRange().minCapacity();

        StepScalingRun pure = StepScalingSimulation.run(trace, StepScalingSpec.of(policy), initial);

        try (FakeAws aws = FakeAws.start().acceptCredentials("AKIDLOOP", "secret");
                RealScaler real = new RealScaler(aws, policy, initial)) {
            StepScalingRun product = StepScalingSimulation.run(
                    trace, StepScalingSpec.of(policy).withThresholds(real), real, minute -> {});

            assertTrue(Arrays.stream(pure.capacities()).max().orElseThrow() > initial, "the trace scales out");
            assertTrue(
                    pure.capacities()[pure.capacities().length - 1]
                            < Arrays.stream(pure.capacities()).max().orElseThrow(),
                    "and back in");
            assertArrayEquals(pure.capacities(), product.capacities());
            real.assertEveryDecisionLineIsEmbeddedMetricFormat();
        }
    }

    /**
     * With the per-KPU setting 1.43x what the job really does, the load alarms alone would leave it behind; the lag
     * guard (on by default, in the model as deployed) adds capacity, and the real scaler answers its PATCHes exactly
     * as the pure model's actuator does.
     */
    @Test
    void theRealScalerFollowsTheModelWhenTheLagGuardActs() throws Exception {
        ScalingPolicy policy = ScalingPolicy.builder().maxCapacity(12).build();
        Trace trace = stepTrace();
        int initial = policy.capacityRange().minCapacity();
        JobSettings slowerJob =
                new JobSettings(700, JobSettings.DEFAULT_RESTART_MINUTES, JobSettings.DEFAULT_BYTES_PER_RECORD);

        StepScalingRun pure = StepScalingSimulation.run(
                trace, StepScalingSpec.of(policy), slowerJob, new InMemoryCapacityActuator(initial), minute -> {});

        try (FakeAws aws = FakeAws.start().acceptCredentials("AKIDLOOP", "secret");
                RealScaler real = new RealScaler(aws, policy, initial)) {
            StepScalingRun product = StepScalingSimulation.run(
                    trace, StepScalingSpec.of(policy).withThresholds(real), slowerJob, real, minute -> {});

            assertTrue(
                    pure.activities().stream().anyMatch(activity -> activity.lagGuard()),
                    "the lag guard scales out: " + pure.activities());
            assertArrayEquals(pure.capacities(), product.capacities());
            real.assertEveryDecisionLineIsEmbeddedMetricFormat();
        }
    }

    /**
     * The real scaler learns the per-KPU rate from what the simulated job publishes. The job really does 700 records
     * per second per KPU against a configured 1000; each simulated minute its metrics (what it consumed, its lag,
     * what arrived) go into the fake CloudWatch as the stream would publish them, and the scaler's scheduled
     * reconcile runs with the clock at that minute: it reads them with GetMetricData, runs the estimator and stores
     * the state in SSM. The learned rate must come within 10% of the true one.
     */
    @Test
    void theRealScalerLearnsTheTrueRateFromTheSimulatedJobsMetrics() throws Exception {
        double trueRate = 700;
        double[] learned = runLearning(trueRate, LEARNING_METRICS, false).learned();

        double end = learned[learned.length - 1];
        assertTrue(
                Math.abs(end - trueRate) <= 0.1 * trueRate,
                "learned " + end + " against the true " + trueRate + "; by minute: " + Arrays.toString(learned));
        assertEquals(1000, learned[0], "learning starts from the configured rate");
        System.out.println("ClosedLoopTest: the real scaler's learned rate came within 10% of " + trueRate
                + " at simulated minute " + minutesToWithinTenPercent(learned, trueRate) + " and ended at " + end);
    }

    /**
     * The same with a job that really does 1300 records per second per KPU (configured 1000: a guess too low, which
     * the job never shows by lagging) and publishes its tasks' busy time (the busiest the bottleneck, the other a
     * third as busy): the scaler reads the busiest in its one GetMetricData call and learns 1300 within the hour.
     */
    @Test
    void theRealScalerLearnsARateGuessedTooLowFromTheJobsBusyTime() throws Exception {
        double trueRate = 1300;
        double[] learned = runLearning(trueRate, LEARNING_METRICS + ";" + BUSY_SERIES, true)
                .learned();

        double end = learned[learned.length - 1];
        assertTrue(
                Math.abs(end - trueRate) <= 0.1 * trueRate,
                "learned " + end + " against the true " + trueRate + "; by minute: " + Arrays.toString(learned));
        int within = minutesToWithinTenPercent(learned, trueRate);
        assertTrue(within <= 60, "within 10% of " + trueRate + " only at minute " + within);
        System.out.println("ClosedLoopTest: from busy time the real scaler's learned rate came within 10% of "
                + trueRate + " at simulated minute " + within + " and ended at " + end);
    }

    /**
     * The same run: the step trace's base of 1,200 records/s scaled out to 2 KPUs on the configured 1,000 in the first
     * minute; once the scaler has learned 1,300 and the job has been caught up for 10 minutes, 1,200 fits one KPU at
     * it (with the estimator's 5 %), so the real scaler sets the scale-in alarm's threshold at the scale-out rate and
     * the job is resized to the 1 KPU the policy configured with 1,300 runs, before the step at minute 60.
     */
    @Test
    void theRealScalerResizesACapacitySizedForTheGuessOnceItLearnsTheJobIsFaster() throws Exception {
        LearningRun run = runLearning(1300, LEARNING_METRICS + ";" + BUSY_SERIES, true);

        assertEquals(2, run.capacities()[5], "sized on the configured 1,000: " + Arrays.toString(run.capacities()));
        assertEquals(1, run.capacities()[59], "resized before the step: " + Arrays.toString(run.capacities()));
        long rescalesBeforeTheStep = 0;
        for (int m = 1; m < 60; m++) {
            rescalesBeforeTheStep += run.capacities()[m] != run.capacities()[m - 1] ? 1 : 0;
        }
        assertEquals(
                2,
                rescalesBeforeTheStep,
                "one scale-out on the guess, one resize: " + Arrays.toString(run.capacities()));
    }

    /**
     * The job really does 700 records/s per KPU against a configured 1,000: at the step (1,200 to 5,600 records/s) the
     * capacity scaled on 1,000 falls behind. Once the real scaler has learned 700, the load alarms measure the load at
     * the configured scale ({@code load * 1000 / 700}), so the scale-out policy's steps, written in the template for
     * 1,000, are steps of 700: the first scale-out at the step goes straight to the load's 8 KPUs, and the job (a
     * restart behind) is scaled out past them without the lag guard ever acting. (Before the scaled load, the step
     * asked too few KPUs and the backlog rule, {@code RescaleUnderBacklog}, raised it; over the fakes that rule is
     * {@code RescaleUnderBacklogReconcileTest}'s.)
     */
    @Test
    void theRealScalerSizesAScaleOutOfAJobThatIsBehindForItsBacklog() throws Exception {
        LearningRun run = runLearning(700, LEARNING_METRICS, false);

        int[] capacities = run.capacities();
        int firstAfterTheStep = -1;
        for (int m = 60; m < capacities.length && firstAfterTheStep < 0; m++) {
            if (capacities[m] > capacities[m - 1]) {
                firstAfterTheStep = capacities[m];
            }
        }
        assertTrue(
                firstAfterTheStep >= Math.ceil(5600 / 700.0),
                "the step's first scale-out goes to the load's need at the learned rate: "
                        + Arrays.toString(capacities));
        int highest = Arrays.stream(capacities).max().orElseThrow();
        assertTrue(highest > Math.ceil(5600 / 700.0), "above the load's need of 8 KPUs: " + highest);
        assertEquals(0, run.guardScaleOuts(), "the lag guard had to act: " + Arrays.toString(run.capacities()));
    }

    /** The stored rate, the capacity by minute and the real scaler's decision log of one learning run. */
    private record LearningRun(double[] learned, int[] capacities, String decisionLog, int guardScaleOuts) {}

    /**
     * Runs the step trace with the real scaler learning: each simulated minute the job's metrics go into the fake
     * CloudWatch, the scheduled reconcile runs with the clock at that minute; returns the stored rate and the
     * capacity by minute.
     */
    private static LearningRun runLearning(double trueRate, String learningMetrics, boolean busyTime) throws Exception {
        ScalingPolicy policy = ScalingPolicy.builder().maxCapacity(12).build();
        Trace trace = stepTrace();
        int initial = policy.capacityRange().minCapacity();
        JobSettings job =
                new JobSettings(trueRate, JobSettings.DEFAULT_RESTART_MINUTES, JobSettings.DEFAULT_BYTES_PER_RECORD);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(trace.length() + 5));
        SettableClock clock = new SettableClock(base);
        LagGuard guard = policy.lagGuard();
        Map<String, String> learning = Map.of(
                ScalerEnvironment.LEARNING_METRICS,
                learningMetrics,
                ScalerEnvironment.LEARNING_WINDOW_MINUTES,
                "30",
                ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME,
                LEARNED_RATE_PARAMETER,
                ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS,
                Integer.toString(guard.maxLagSeconds()),
                ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES,
                Integer.toString(guard.drainMinutes()),
                ScalerEnvironment.EXPECTED_RESTART_SECONDS,
                Integer.toString(policy.expectedRestartSeconds()));

        try (FakeAws aws = FakeAws.start().acceptCredentials("AKIDLOOP", "secret");
                RealScaler real = new RealScaler(aws, policy, initial, clock, learning)) {
            aws.ssm().put(LEARNED_RATE_PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
            JobModel shadow = new JobModel(trace, trueRate, job.restartMinutes());
            double[] learned = new double[trace.length()];
            int[] capacities = new int[trace.length()];
            StepScalingRun loop = StepScalingSimulation.run(
                    trace, StepScalingSpec.of(policy).withThresholds(real), job, real, minute -> {
                        capacities[minute] = real.capacityAt(minute);
                        shadow.step(real.capacityAt(minute));
                        publish(aws, trace, shadow, base, minute);
                        if (busyTime) {
                            publishBusyTime(aws, shadow, base, minute);
                        }
                        clock.set(base.plus(Duration.ofMinutes(minute + 1)).plusSeconds(30));
                        real.reconcile();
                        learned[minute] = learnedRate(aws);
                    });
            real.assertEveryDecisionLineIsEmbeddedMetricFormat();
            return new LearningRun(learned, capacities, real.decisionLog(), loop.lagGuardActivities());
        }
    }

    private static int minutesToWithinTenPercent(double[] learned, double trueRate) {
        int within = 0;
        while (within < learned.length && Math.abs(learned[within] - trueRate) > 0.1 * trueRate) {
            within++;
        }
        return within;
    }

    private static final String LEARNED_RATE_PARAMETER = "/closed-loop/learned-rate";
    private static final Map<String, String> STREAM = Map.of("StreamName", "orders");
    private static final String LEARNING_METRICS = "consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=orders;"
            + "lag|AWS/Kinesis|GetRecords.IteratorAgeMilliseconds|Maximum|StreamName=orders;"
            + "incoming|AWS/Kinesis|IncomingRecords|Sum|StreamName=orders";
    private static final String BUSY_SERIES =
            "busy|AWS/KinesisAnalytics|busyTimeMsPerSecond|Maximum|Application=" + APPLICATION;

    /**
     * Minute {@code m} of the job as the stream publishes it: nothing consumed and no lag while it restarts (no
     * GetRecords calls), the lag's Maximum over the minute, what arrived.
     */
    private static void publish(FakeAws aws, Trace trace, JobModel job, Instant base, int m) {
        Instant t = base.plus(Duration.ofMinutes(m));
        trace.datapoint(m)
                .ifPresent(
                        load -> aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, t, load * 60));
        if (job.restarting(m)) {
            return;
        }
        aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.Records", STREAM, t, job.processed(m) * 60);
        double lag = job.lagMillis(m);
        double before = m == 0 || Double.isNaN(job.lagMillis(m - 1)) ? lag : Math.max(lag, job.lagMillis(m - 1));
        if (!Double.isNaN(before)) {
            aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", STREAM, t, before);
        }
    }

    /**
     * Minute {@code m}'s busy time per task, as Managed Flink publishes it at MetricsLevel TASK: the bottleneck busy
     * for the share of the minute it needed at the rate it had, another task a third of that; none while restarting.
     */
    private static void publishBusyTime(FakeAws aws, JobModel job, Instant base, int m) {
        if (job.restarting(m)) {
            return;
        }
        Instant t = base.plus(Duration.ofMinutes(m));
        double busy = Math.min(1, job.processed(m) / job.rate(m)) * 1000;
        aws.cloudWatch()
                .putDatapoint(
                        "AWS/KinesisAnalytics",
                        "busyTimeMsPerSecond",
                        Map.of("Application", APPLICATION, "TaskName", "Source: orders -> Enrich"),
                        t,
                        busy);
        aws.cloudWatch()
                .putDatapoint(
                        "AWS/KinesisAnalytics",
                        "busyTimeMsPerSecond",
                        Map.of("Application", APPLICATION, "TaskName", "Sink: enriched"),
                        t,
                        busy / 3);
    }

    /** The learned scale-out rate as the scaler stored it; the configured 1000 before the first estimate. */
    private static double learnedRate(FakeAws aws) {
        String stored = aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow();
        return stored.equals(ScalerEnvironment.NO_DESIRED_CAPACITY)
                ? 1000
                : LearnedRate.parse(stored).rate();
    }

    /**
     * The real scaler as the simulation's actuator and threshold setter: a request is a PATCH; the rescale lands
     * before the next minute (the simulator's workload model accounts for the restart); the capacity of a minute
     * is what a GET answers; the thresholds are those the scaler wrote to the alarms.
     */
    private static final class RealScaler implements CapacityActuator, ThresholdSetter, AutoCloseable {
        private final FakeAws aws;
        private final ScalerClients clients;
        private final ScalerHandler handler;
        private final ByteArrayOutputStream log = new ByteArrayOutputStream();
        private final SettableClock clock;
        /** Minute 0 of the simulation on {@link #clock}. */
        private final Instant base;

        private final List<Integer> capacities = new ArrayList<>();
        /** Whether the scaler learns (its environment names a learned-rate parameter). */
        private final boolean learning;

        RealScaler(FakeAws aws, ScalingPolicy policy, int initial) {
            this(aws, policy, initial, null, Map.of());
        }

        /**
         * @param clock the simulated time for the scaler and the Flink fake, or null for the system's
         * @param extraEnvironment variables added to the construct's (learning, say)
         */
        RealScaler(
                FakeAws aws,
                ScalingPolicy policy,
                int initial,
                SettableClock clock,
                Map<String, String> extraEnvironment) {
            this.aws = aws;
            this.clock = clock;
            this.base = clock == null ? null : clock.instant();
            this.learning = extraEnvironment.containsKey(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME);
            if (clock != null) {
                aws.flink().clock(clock);
            }
            aws.flink().addApplication(APPLICATION).parallelism(initial).autoScalingEnabled(false);
            aws.ssm().put(PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
            aws.ssm().put(ATTEMPT_PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
            // A scaler that learns gets alarms on the scaled load, as the construct deploys them (nothing learned yet).
            String measures = learning ? ScaledLoad.expression(policy.thresholds()) : null;
            aws.cloudWatch()
                    .putAlarm(alarm(
                            SCALE_OUT_ALARM,
                            policy.alarmShape(ScalingDirection.SCALE_OUT),
                            policy.thresholds().scaleOutThreshold(initial),
                            measures));
            aws.cloudWatch()
                    .putAlarm(alarm(
                            SCALE_IN_ALARM,
                            policy.alarmShape(ScalingDirection.SCALE_IN),
                            policy.thresholds().scaleInThreshold(initial),
                            measures));
            clients = ScalerClients.builder(
                            Region.US_EAST_1,
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOOP", "secret")))
                    .endpointOverride(aws.endpoint())
                    .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
                    .build();
            String resourceId = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/scaling/"
                    + "scalableTargetDimensions/" + APPLICATION;
            aws.applicationAutoScaling()
                    .register(
                            "custom-resource",
                            resourceId,
                            "custom-resource:ResourceType:Property",
                            policy.capacityRange().minCapacity(),
                            policy.capacityRange().maxCapacity());
            Map<String, String> environment = new HashMap<>(Map.ofEntries(
                    Map.entry(ScalerEnvironment.APPLICATION_NAME, APPLICATION),
                    Map.entry(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME, ATTEMPT_PARAMETER),
                    Map.entry(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME, PARAMETER),
                    Map.entry(ScalerEnvironment.SCALE_OUT_ALARM_NAME, SCALE_OUT_ALARM),
                    Map.entry(ScalerEnvironment.SCALE_IN_ALARM_NAME, SCALE_IN_ALARM),
                    Map.entry(
                            ScalerEnvironment.SIGNAL_KIND,
                            policy.thresholds().kind().name()),
                    Map.entry(
                            ScalerEnvironment.SCALE_OUT_PER_KPU,
                            String.valueOf(policy.thresholds().scaleOutPerKpu())),
                    Map.entry(
                            ScalerEnvironment.SCALE_IN_PER_KPU,
                            String.valueOf(policy.thresholds().scaleInPerKpu())),
                    Map.entry(
                            ScalerEnvironment.MIN_CAPACITY,
                            String.valueOf(policy.capacityRange().minCapacity())),
                    Map.entry(ScalerEnvironment.KPU_QUOTA, String.valueOf(policy.kpuQuota())),
                    Map.entry(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, resourceId),
                    Map.entry(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "false")));
            environment.putAll(extraEnvironment);
            handler = new ScalerHandler(
                    environment,
                    clients,
                    new PrintStream(log, true, StandardCharsets.UTF_8),
                    clock == null ? Clock.systemUTC() : clock);
        }

        /** The capacity a GET answered for {@code minute}. */
        int capacityAt(int minute) {
            return capacities.get(minute);
        }

        /** A scheduled reconcile at the clock's time. */
        void reconcile() {
            handler.handle("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}");
        }

        @Override
        public void requestCapacity(int desiredKpus, int minute) {
            if (clock != null) {
                // The update is submitted as the next minute starts, as the simulation applies it.
                Instant submitted = base.plus(Duration.ofMinutes(minute)).plusSeconds(1);
                if (submitted.isAfter(clock.instant())) {
                    clock.set(submitted);
                }
            }
            answer("PATCH", "{\"desiredCapacity\":" + desiredKpus + "}");
            aws.flink().completeTransitions();
        }

        @Override
        public int capacity(int minute) {
            Matcher actual = ACTUAL.matcher(answer("GET", null));
            if (!actual.find()) {
                throw new AssertionError("no actualCapacity in the answer");
            }
            int capacity = Integer.parseInt(actual.group(1));
            while (capacities.size() <= minute) {
                capacities.add(capacity);
            }
            capacities.set(minute, capacity);
            return capacity;
        }

        @Override
        public AlarmThresholds initial(int capacity) {
            return afterRescale(capacity);
        }

        /** A scaler that learns re-sets the thresholds on its reconcile, between rescales; the alarms then use them. */
        @Override
        public boolean changesBetweenRescales() {
            return learning;
        }

        @Override
        public AlarmThresholds afterRescale(int capacity) {
            double scale = signalScale(SCALE_OUT_ALARM);
            if (scale != signalScale(SCALE_IN_ALARM)) {
                throw new AssertionError("the two alarms measure the load at different scales");
            }
            return new AlarmThresholds(threshold(SCALE_OUT_ALARM), threshold(SCALE_IN_ALARM), scale);
        }

        private double threshold(String alarm) {
            return aws.cloudWatch().alarm(alarm).orElseThrow().threshold();
        }

        /** What the alarm's scaled load multiplies the signal by ({@code load * configured / learned}), else 1. */
        private double signalScale(String alarm) {
            List<Alarm.MetricQuery> metrics =
                    aws.cloudWatch().alarm(alarm).orElseThrow().metrics();
            if (metrics == null || metrics.isEmpty()) {
                return 1;
            }
            String expression = metrics.stream()
                    .filter(q -> Boolean.TRUE.equals(q.returnData()))
                    .findFirst()
                    .orElseThrow()
                    .expression();
            return ScaledLoad.scaleOf(expression)
                    .orElseThrow(() -> new AssertionError(alarm + " measures " + expression));
        }

        private String answer(String method, String body) {
            String event = "{\"httpMethod\":\"" + method + "\",\"resource\":\"/scalableTargetDimensions/"
                    + "{scalableTargetDimensionId}\",\"pathParameters\":{\"scalableTargetDimensionId\":\""
                    + APPLICATION + "\"},\"body\":" + (body == null ? "null" : "\"" + body.replace("\"", "\\\"") + "\"")
                    + "}";
            String answer = handler.handle(event);
            if (!answer.contains("\"statusCode\":200")) {
                throw new AssertionError(method + " failed: " + answer);
            }
            return answer;
        }

        /**
         * The alarm as the construct deploys it: the shared shape (comparison, missing data, M of N), on the scaled
         * load ({@code measures}) when the scaler learns, else on the stream's records.
         */
        private static Alarm alarm(String name, AlarmShape shape, double threshold, String measures) {
            Alarm.Builder alarm = Alarm.builder(name)
                    .comparisonOperator(shape.comparison().cloudWatchName())
                    .threshold(threshold)
                    .evaluationPeriods(shape.evaluation().evaluationPeriods())
                    .datapointsToAlarm(shape.evaluation().datapointsToAlarm())
                    .treatMissingData(shape.missingData().cloudWatchName());
            if (measures == null) {
                return alarm.metricName("IncomingRecords")
                        .namespace("AWS/Kinesis")
                        .statistic(AlarmShape.INCOMING_RECORDS_STATISTIC)
                        .period(60)
                        .build();
            }
            Alarm.Metric incoming = new Alarm.Metric(
                    "AWS/Kinesis", "IncomingRecords", List.of(new Alarm.Dimension("StreamName", "orders")));
            return alarm.metrics(List.of(
                            new Alarm.MetricQuery(
                                    AlarmShape.INCOMING_RECORDS_ID,
                                    null,
                                    null,
                                    false,
                                    null,
                                    null,
                                    new Alarm.MetricStat(incoming, 60, AlarmShape.INCOMING_RECORDS_STATISTIC, null)),
                            new Alarm.MetricQuery(
                                    ScaledLoad.LOAD_ID,
                                    AlarmShape.RECORDS_PER_SECOND_EXPRESSION,
                                    null,
                                    false,
                                    null,
                                    null,
                                    null),
                            new Alarm.MetricQuery("scaled", measures, null, true, null, null, null)))
                    .build();
        }

        /** Every decision line the real scaler wrote over the trace. */
        String decisionLog() {
            return log.toString(StandardCharsets.UTF_8);
        }

        /** Every line the real scaler wrote over the trace conforms to the embedded metric format. */
        void assertEveryDecisionLineIsEmbeddedMetricFormat() throws Exception {
            int lines = 0;
            for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                List<String> violations = EmbeddedMetricFormat.violations(new ObjectMapper().readTree(line));
                assertEquals(List.of(), violations, line);
            }
            assertTrue(lines > 100, "the loop made " + lines + " decisions");
        }

        @Override
        public void close() {
            clients.close();
        }
    }
}
