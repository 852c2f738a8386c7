package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24's simulator case: another consumer on the stream, and which lag the guard reads. The bars: the application's
 * own lag ({@code millisBehindLatest}) is unaffected by the other consumer; the stream's iterator age drives the job to
 * its maximum while the other consumer lags (docs/tuning.md, "Issue 24: a shared stream").
 */
class SharedStreamTest {

    private static final SharedStream ALONE_OWN_LAG = new SharedStream(null, StreamLagMetric.MILLIS_BEHIND_LATEST);
    /** The window of {@link SharedStreamScenarios#LAGGING} in trace minutes (the traces start at 00:00). */
    private static final int WINDOW_START = 60;

    private static final int WINDOW_END = 180;

    @TempDir
    Path dir;

    @Test
    void theApplicationsOwnLagIsUnaffectedByTheOtherConsumer() {
        for (String name : ReferenceTraces.allNames()) {
            var alone = SharedStreamScenarios.run(name, ALONE_OWN_LAG);
            var shared = SharedStreamScenarios.run(
                    name, new SharedStream(SharedStreamScenarios.LAGGING, StreamLagMetric.MILLIS_BEHIND_LATEST));
            assertArrayEquals(
                    alone.policy().workload().capacities(),
                    shared.policy().workload().capacities(),
                    name);
            assertEquals(alone.policy().summary(), shared.policy().summary(), name);
        }
    }

    @Test
    void withoutAnotherConsumerBothMetricsAreTheSame() {
        for (String name : ReferenceTraces.allNames()) {
            var own = SharedStreamScenarios.run(name, ALONE_OWN_LAG);
            var stream = SharedStreamScenarios.run(name, SharedStream.ALONE);
            assertEquals(own.policy().summary(), stream.policy().summary(), name);
        }
    }

    @Test
    void theIteratorAgeDrivesTheJobToItsMaximumWhileTheOtherConsumerLags() {
        for (String name : ReferenceTraces.allNames()) {
            var alone = SharedStreamScenarios.run(name, SharedStream.ALONE);
            var shared = SharedStreamScenarios.run(
                    name, new SharedStream(SharedStreamScenarios.LAGGING, StreamLagMetric.ITERATOR_AGE));
            int[] capacities = shared.policy().workload().capacities();
            assertEquals(
                    shared.maxCapacity(),
                    capacities[WINDOW_END - 1],
                    name + ": at the maximum when the other consumer's two hours end");
            assertTrue(shared.policy().summary().lagGuardScaleOuts() > 0, name + ": the guard added capacity");
            assertTrue(alone.policy().summary().lagGuardScaleOuts() == 0, name + ": alone the guard never fires");
            assertTrue(
                    shared.policy().summary().kpuHours()
                            > alone.policy().summary().kpuHours() + 1,
                    name);
            assertTrue(shared.hoursAtMaxCapacity() > alone.hoursAtMaxCapacity(), name);
            // no scale-in while the other consumer is behind: the scale-in alarm's metric math sees the lag
            for (int m = WINDOW_START + 3; m < WINDOW_END; m++) {
                assertTrue(capacities[m] >= capacities[m - 1], name + ": scaled in at minute " + m);
            }
        }
    }

    @Test
    void theIteratorAgeIsTheLargerLagAndHasTheOtherConsumersWhileTheJobRestarts() {
        assertEquals(600_000, StreamLagMetric.ITERATOR_AGE.datapoint(Double.NaN, 600_000));
        assertEquals(700_000, StreamLagMetric.ITERATOR_AGE.datapoint(700_000, 600_000));
        assertEquals(600_000, StreamLagMetric.ITERATOR_AGE.datapoint(0, 600_000));
        assertEquals(5_000, StreamLagMetric.ITERATOR_AGE.datapoint(5_000, Double.NaN));
        assertTrue(Double.isNaN(StreamLagMetric.ITERATOR_AGE.datapoint(Double.NaN, Double.NaN)));
        assertTrue(Double.isNaN(StreamLagMetric.MILLIS_BEHIND_LATEST.datapoint(Double.NaN, 600_000)));
        assertEquals(5_000, StreamLagMetric.MILLIS_BEHIND_LATEST.datapoint(5_000, 600_000));
    }

    @Test
    void anOtherConsumerBehindDuringItsDailyWindow() {
        double[] load = new double[3 * 1440];
        Arrays.fill(load, 100);
        var series = OtherConsumer.parse("behind=600,at=01:00,for=120").over(Trace.of("flat", load));
        for (int m = 0; m < load.length; m++) {
            int ofDay = m % 1440;
            assertEquals(ofDay >= 60 && ofDay < 180 ? 600_000 : 0, series.lagMillis()[m], "minute " + m);
            assertEquals(6000, series.records()[m], 1e-9);
        }
        // a trace with a wall-clock start counts the window in UTC
        Trace placed = Trace.of("flat", load).startingAt(Instant.parse("2026-03-02T23:00:00Z"));
        var shifted = OtherConsumer.parse("at=01:00,for=120,behind=600").over(placed);
        assertEquals(0, shifted.lagMillis()[119]);
        assertEquals(600_000, shifted.lagMillis()[120]);
        assertEquals(600_000, shifted.lagMillis()[239]);
        assertEquals(0, shifted.lagMillis()[240]);
    }

    @Test
    void anOtherConsumerWithALowerRateFallsBehindAtPeaks() {
        double[] load = new double[30];
        Arrays.fill(load, 500);
        Arrays.fill(load, 10, 20, 1500);
        var series = OtherConsumer.parse("rate=1000").over(Trace.of("peak", load));
        assertEquals(0, series.lagMillis()[9]);
        assertTrue(series.lagMillis()[19] > series.lagMillis()[12] && series.lagMillis()[12] > 0);
        assertEquals(60_000, series.records()[15], 1e-6);
        assertEquals(0, series.lagMillis()[29], "caught up after the peak");
        assertEquals("behind=0,rate=1000", OtherConsumer.parse("rate=1000").spec());
        assertEquals("behind=600,at=01:00,for=120", SharedStreamScenarios.LAGGING.spec());
    }

    @Test
    void anOtherConsumerDownForAnHourReadsNothingThenCatchesUpAtItsRate() {
        double[] load = new double[240];
        Arrays.fill(load, 1000);
        var series = OtherConsumer.parse("rate=2000,down=01:00/60").over(Trace.of("flat", load));
        assertEquals(0, series.lagMillis()[59]);
        for (int m = 60; m < 120; m++) {
            assertTrue(Double.isNaN(series.lagMillis()[m]), "no reads, no iterator age at minute " + m);
            assertEquals(0, series.records()[m]);
        }
        assertEquals(3_600_000, series.lagMillis()[120], 60_001, "an hour behind when it comes back");
        assertTrue(series.lagMillis()[150] < series.lagMillis()[120] && series.lagMillis()[150] > 0);
        assertEquals(120_000, series.records()[121], 1e-6, "catching up at its rate");
        assertEquals(0, series.lagMillis()[239], "caught up: an hour's backlog at twice the load takes an hour");
        // while it is down the stream's iterator age is the job's alone
        assertEquals(5_000, StreamLagMetric.ITERATOR_AGE.datapoint(5_000, series.lagMillis()[90]));
        assertEquals(
                "behind=0,rate=2000,down=01:00/60",
                OtherConsumer.parse("down=01:00/60,rate=2000").spec());
    }

    @Test
    void failsOnABadOtherConsumerNamingTheOptionAndTheValue() {
        assertEquals(
                "--other-consumer-lag (behind=10m): behind (10m) must be a number",
                fails(() -> OtherConsumer.parse("behind=10m")));
        assertEquals(
                "--other-consumer-lag (lag=600): 'lag=600' must be behind=SECONDS, at=HH:MM, for=MINUTES, "
                        + "rate=RECORDS_PER_SECOND or down=HH:MM/MINUTES",
                fails(() -> OtherConsumer.parse("lag=600")));
        assertEquals(
                "--other-consumer-lag (down=01:00/60): down needs rate=RECORDS_PER_SECOND, the rate it catches "
                        + "up at",
                fails(() -> OtherConsumer.parse("down=01:00/60")));
        assertEquals(
                "--other-consumer-lag (down=01:00,rate=9): down (01:00) must be HH:MM/MINUTES",
                fails(() -> OtherConsumer.parse("down=01:00,rate=9")));
        assertEquals(
                "--other-consumer-lag (down=24:00/5,rate=9): down's start (24:00) must be a time of day from "
                        + "00:00 to 23:59",
                fails(() -> OtherConsumer.parse("down=24:00/5,rate=9")));
        assertEquals(
                "--other-consumer-lag (down=01:00/0,rate=9): down (0 minutes) must be between 1 and 1439 minutes",
                fails(() -> OtherConsumer.parse("down=01:00/0,rate=9")));
        assertEquals(
                "--other-consumer-lag (behind=600,at=01:00): give at=HH:MM and for=MINUTES together",
                fails(() -> OtherConsumer.parse("behind=600,at=01:00")));
        assertEquals(
                "--other-consumer-lag (at=25:00,for=60): at (25:00) must be a time of day from 00:00 to 23:59",
                fails(() -> OtherConsumer.parse("at=25:00,for=60")));
        assertEquals(
                "--other-consumer-lag (behind=-1): behind (-1.0) must be a number of seconds >= 0",
                fails(() -> OtherConsumer.parse("behind=-1")));
        assertEquals(
                "--other-consumer-lag (rate=0): rate (0.0) must be a positive number",
                fails(() -> OtherConsumer.parse("rate=0")));
        assertEquals(
                "--other-consumer-lag (at=01:00,for=0): for (0) must be between 1 and 1440 minutes",
                fails(() -> OtherConsumer.parse("at=01:00,for=0")));
        assertEquals(
                "--other-consumer-lag (behind=1,behind=2): behind given twice",
                fails(() -> OtherConsumer.parse("behind=1,behind=2")));
        assertEquals(
                "--lag-metric (\"age\") must be one of iteratorAge, millisBehindLatest",
                fails(() -> StreamLagMetric.parse("age", "--lag-metric")));
    }

    @Test
    void thePolicyFileChoosesTheLagMetric() {
        assertEquals(
                StreamLagMetric.MILLIS_BEHIND_LATEST,
                PolicyFile.parse("{\"lagGuard\": {\"lagMetric\": \"millisBehindLatest\"}}", "p.json")
                        .sharedStream()
                        .lagMetric());
        assertEquals(
                StreamLagMetric.ITERATOR_AGE,
                PolicyFile.parse("{}", "p.json").sharedStream().lagMetric());
        assertEquals(
                "p.json: lagGuard.lagMetric (\"own\") must be one of iteratorAge, millisBehindLatest",
                fails(() -> PolicyFile.parse("{\"lagGuard\": {\"lagMetric\": \"own\"}}", "p.json")));
    }

    @Test
    void theCommandLineRunsASharedStreamAndReportsIt() throws Exception {
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int exit = SimulatorCommand.execute(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "--trace",
                trace(),
                "--other-consumer-lag",
                "behind=600,at=00:30,for=60",
                "--lag-metric",
                "millisBehindLatest",
                "--out",
                out.toString());
        assertEquals(0, exit, err.toString());
        JsonNode settings =
                new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("settings");
        assertEquals("millisBehindLatest", settings.get("lagMetric").asText());
        assertEquals(
                "behind=600,at=00:30,for=60", settings.get("otherConsumerLag").asText());
        assertEquals(
                "millisBehindLatest",
                settings.get("policy").get("lagGuard").get("lagMetric").asText(),
                "the effective policy reads back with --config");
        assertTrue(Files.readString(out.resolve("report.md"))
                .contains(
                        "Lag metric: millisBehindLatest; another consumer on the stream: behind=600,at=00:30,for=60."));
    }

    @Test
    void failsOnBothTheSecondConsumerAndAnOtherConsumer() throws Exception {
        StringWriter err = new StringWriter();
        int exit = SimulatorCommand.execute(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "--trace",
                trace(),
                "--second-consumer",
                "--other-consumer-lag",
                "behind=60",
                "--out",
                dir.resolve("out").toString());
        assertEquals(1, exit);
        assertEquals(
                "error: give --second-consumer or --other-consumer-lag, not both (--second-consumer is "
                        + "--other-consumer-lag behind=0)",
                err.toString().strip());
    }

    private String trace() throws Exception {
        StringBuilder csv = new StringBuilder("minute,records_per_second\n");
        for (int m = 0; m < 120; m++) {
            csv.append(m).append(',').append(1500).append('\n');
        }
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, csv);
        return file.toString();
    }

    private static String fails(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
