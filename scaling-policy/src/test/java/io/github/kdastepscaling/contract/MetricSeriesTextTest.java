package io.github.kdastepscaling.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSeriesTextTest {

    static final String VAR = ScalerEnvironment.LEARNING_METRICS;

    static MetricSeries series(String id, Map<String, String> dims) {
        return new MetricSeries(id, "AWS/Kinesis", "GetRecords.Records", dims, "Sum");
    }

    static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> MetricSeriesText.parse(VAR, text))
                .getMessage();
    }

    @Test
    void theSeriesTheScalerNeedsRoundTripInACompactText() {
        Map<String, String> lag = new LinkedHashMap<>();
        lag.put("Application", "clicks-job");
        lag.put("Flow", "Input");
        lag.put("Id", "orders");
        List<MetricSeries> series = List.of(
                series("consumed", Map.of("StreamName", "orders")),
                new MetricSeries(
                        "efo",
                        "AWS/Kinesis",
                        "SubscribeToShardEvent.Records",
                        new LinkedHashMap<>(Map.of("StreamName", "orders")),
                        "Sum"),
                new MetricSeries("lag", "AWS/KinesisAnalytics", "millisBehindLatest", lag, "Maximum"),
                new MetricSeries(
                        "throttled",
                        "AWS/Kinesis",
                        "ReadProvisionedThroughputExceeded",
                        Map.of("StreamName", "orders"),
                        "Sum"),
                new MetricSeries("no_dims", "Custom/Job", "Heartbeat", Map.of(), "SampleCount"));

        String text = MetricSeriesText.encode(series);

        assertEquals(
                "consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=orders;"
                        + "efo|AWS/Kinesis|SubscribeToShardEvent.Records|Sum|StreamName=orders;"
                        + "lag|AWS/KinesisAnalytics|millisBehindLatest|Maximum|Application=clicks-job,Flow=Input,Id=orders;"
                        + "throttled|AWS/Kinesis|ReadProvisionedThroughputExceeded|Sum|StreamName=orders;"
                        + "no_dims|Custom/Job|Heartbeat|SampleCount|",
                text);
        assertEquals(series, MetricSeriesText.parse(VAR, text));
    }

    @Test
    void theSeparatorsInsideAFieldAreEscapedAndRoundTrip() {
        MetricSeries odd = new MetricSeries(
                "odd", "My|Name;space", "a=b,c%d", Map.of("Task", "Source:_Kinesis_Source -> Map|x=y,z;w%"), "Average");
        String text = MetricSeriesText.encode(List.of(odd));
        assertEquals(
                "odd|My%7CName%3Bspace|a%3Db%2Cc%25d|Average|Task=Source:_Kinesis_Source -> Map%7Cx%3Dy%2Cz%3Bw%25",
                text);
        assertEquals(List.of(odd), MetricSeriesText.parse(VAR, text));
    }

    @Test
    void failsOnTextTheEncoderWouldNotWriteNamingTheVariableAndTheSeries() {
        assertEquals("environment variable LEARNING_METRICS is missing or empty", refusal(" "));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (consumed|AWS/Kinesis|GetRecords.Records|Sum) "
                        + "has 4 field(s); each series is id|namespace|metricName|stat|name=value,... and series are "
                        + "separated by ';'",
                refusal("consumed|AWS/Kinesis|GetRecords.Records|Sum"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 2 () has 1 field(s); each series is "
                        + "id|namespace|metricName|stat|name=value,... and series are separated by ';'",
                refusal("a|N|M|Sum|;"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (Consumed|N|M|Sum|): id (Consumed) must start "
                        + "with a lowercase letter and hold only letters, digits and '_' (CloudWatch's rule for a "
                        + "GetMetricData query id)",
                refusal("Consumed|N|M|Sum|"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a|N|M|p99|): stat (p99) must be one of Sum, "
                        + "Maximum, Minimum, Average, SampleCount",
                refusal("a|N|M|p99|"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 2 (a|N|M2|Sum|): id a is used twice; ids must be "
                        + "unique",
                refusal("a|N|M|Sum|;a|N|M2|Sum|"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a||M|Sum|): namespace must not be empty",
                refusal("a||M|Sum|"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a|N|M|Sum|StreamName): dimension (StreamName) "
                        + "must be name=value",
                refusal("a|N|M|Sum|StreamName"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a|N|M|Sum|S=x,S=y): dimension S is given twice",
                refusal("a|N|M|Sum|S=x,S=y"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a|N|M|Sum|S=): value of dimension S must not "
                        + "be empty",
                refusal("a|N|M|Sum|S="));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a|N%20x|M|Sum|): '%20' in (N%20x) is not an "
                        + "escape; only %25 %7C %3B %3D %2C (for % | ; = ,) are",
                refusal("a|N%20x|M|Sum|"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a|N%2|M|Sum|): '%2' in (N%2) is not an "
                        + "escape; only %25 %7C %3B %3D %2C (for % | ; = ,) are",
                refusal("a|N%2|M|Sum|"));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 (a|N\tx|M|Sum|): namespace (N?x) must not hold "
                        + "control characters",
                refusal("a|N\tx|M|Sum|"));
        StringBuilder many = new StringBuilder("a0|N|M|Sum|");
        for (int i = 1; i <= MetricSeriesText.MAX_SERIES; i++) {
            many.append(";a").append(i).append("|N|M|Sum|");
        }
        assertEquals(
                "environment variable LEARNING_METRICS lists 501 series; GetMetricData takes at most 500",
                refusal(many.toString()));
    }

    @Test
    void failsToEncodeWhatTheParserWouldRefuse() {
        assertEquals(
                "series (0) must list 1 to 500 series",
                assertThrows(IllegalArgumentException.class, () -> MetricSeriesText.encode(List.of()))
                        .getMessage());
        MetricSeries a = series("a", Map.of());
        assertEquals(
                "series id (a) is used twice; ids must be unique",
                assertThrows(IllegalArgumentException.class, () -> MetricSeriesText.encode(List.of(a, a)))
                        .getMessage());
        List<MetricSeries> tooMany = new ArrayList<>();
        for (int i = 0; i <= MetricSeriesText.MAX_SERIES; i++) {
            tooMany.add(series("s" + i, Map.of()));
        }
        assertEquals(
                "series (501) must list 1 to 500 series",
                assertThrows(IllegalArgumentException.class, () -> MetricSeriesText.encode(tooMany))
                        .getMessage());
        Map<String, String> dims = new LinkedHashMap<>();
        for (int i = 0; i <= MetricSeries.MAX_DIMENSIONS; i++) {
            dims.put("d" + i, "v");
        }
        assertEquals(
                "dimensions (31) must be at most 30",
                assertThrows(IllegalArgumentException.class, () -> series("a", dims))
                        .getMessage());
        assertEquals(
                "id (" + "x".repeat(256) + ") must be at most 255 characters",
                assertThrows(IllegalArgumentException.class, () -> series("x".repeat(256), Map.of()))
                        .getMessage());
    }

    @Test
    void theWindowIsAWholeNumberOfMinutesUpToADay() {
        String var = ScalerEnvironment.LEARNING_WINDOW_MINUTES;
        assertEquals(30, MetricSeriesText.parseWindowMinutes(var, MetricSeriesText.encodeWindowMinutes(30)));
        assertEquals(1440, MetricSeriesText.parseWindowMinutes(var, "1440"));
        for (String bad : List.of("0", "1441", "-5", "30.5", "half an hour")) {
            assertEquals(
                    "environment variable LEARNING_WINDOW_MINUTES (" + bad + ") must be a whole number of "
                            + "minutes between 1 and 1440",
                    assertThrows(IllegalArgumentException.class, () -> MetricSeriesText.parseWindowMinutes(var, bad))
                            .getMessage());
        }
        assertEquals(
                "environment variable LEARNING_WINDOW_MINUTES is missing or empty",
                assertThrows(IllegalArgumentException.class, () -> MetricSeriesText.parseWindowMinutes(var, null))
                        .getMessage());
        assertEquals(
                "windowMinutes (0) must be a whole number of minutes between 1 and 1440",
                assertThrows(IllegalArgumentException.class, () -> MetricSeriesText.encodeWindowMinutes(0))
                        .getMessage());
    }
}
