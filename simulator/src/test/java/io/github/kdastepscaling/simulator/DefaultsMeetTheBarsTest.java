package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bars of issue 5 for the construct's defaults (ScalingDefaults), on every reference trace: at most 1.15x the
 * oracle's KPU-hours, fewer minutes with backlog than the AWS sample's policy, and on the diurnal trace fewer
 * KPU-hours than the built-in autoscaling. Fails if the defaults are changed badly; see docs/tuning.md.
 */
class DefaultsMeetTheBarsTest {

    static Iterable<String> referenceTraces() {
        return ReferenceTraces.NAMES;
    }

    static Iterable<String> allTraces() {
        return ReferenceTraces.allNames();
    }

    @ParameterizedTest
    @MethodSource("referenceTraces")
    void theDefaultsMeetTheBars(String name) {
        Report report = Simulator.run(ReferenceTraces.load(name), SimulationSettings.defaults());
        PolicySummary policy = report.result(Simulator.POLICY_UNDER_TEST).summary();
        PolicySummary oracle = report.result(OracleCapacity.ORACLE).summary();
        PolicySummary sample = report.result(AwsSamplePolicy.NAME).summary();
        String table = "\n" + ReportWriter.table(report);
        assertTrue(policy.kpuHours() <= 1.15 * oracle.kpuHours(), name + ": KPU-hours over 1.15x the oracle" + table);
        assertTrue(
                policy.minutesWithBacklog() < sample.minutesWithBacklog(),
                name + ": not fewer minutes with backlog than the AWS sample" + table);
        if (name.equals("diurnal")) {
            assertTrue(
                    policy.kpuHours()
                            < report.result(BuiltInAutoscaling.NAME).summary().kpuHours(),
                    name + ": not fewer KPU-hours than the built-in autoscaling" + table);
        }
    }

    @ParameterizedTest
    @MethodSource("allTraces")
    void theShippedTracesAreTheGeneratorsOutput(String name) throws IOException {
        try (InputStream in = ReferenceTraces.class.getResourceAsStream("/traces/" + name + ".csv")) {
            assertEquals(
                    ReferenceTraces.csv(ReferenceTraces.generate(name)),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "regenerate with ReferenceTraces.main (docs/simulator.md)");
        }
    }
}
