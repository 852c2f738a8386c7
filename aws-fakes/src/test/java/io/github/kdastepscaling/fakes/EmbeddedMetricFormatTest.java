package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddedMetricFormatTest {

    private static final String VALID = "{\"_aws\":{\"Timestamp\":1764680000000,\"CloudWatchMetrics\":[{\"Namespace\":"
            + "\"KdaStepScaling\",\"Dimensions\":[[\"Application\"]],\"Metrics\":[{\"Name\":\"Duration\",\"Unit\":"
            + "\"Milliseconds\"},{\"Name\":\"Rescales\",\"Unit\":\"Count\"}]}]},\"Application\":\"orders\","
            + "\"Duration\":12.5,\"Rescales\":1}";

    private static List<String> violations(String json) throws Exception {
        return EmbeddedMetricFormat.violations(new ObjectMapper().readTree(json));
    }

    @Test
    void aConformingLineHasNoViolation() throws Exception {
        assertEquals(List.of(), violations(VALID));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"Timestamp\":1764680000000|\"Timestamp\":\"now\"|_aws.Timestamp must be epoch milliseconds",
                "\"Application\":\"orders\"|\"Application\":7|dimension \"Application\" must be a root member with a string",
                "\"Rescales\":1}|\"Rescales\":\"one\"}|metric Rescales must be a root member with a number",
                "\"Unit\":\"Count\"|\"Unit\":\"KPUs\"|metric Rescales has unit \"KPUs\"",
                "\"Namespace\":\"KdaStepScaling\"|\"Namespace\":\"\"|Namespace must be a string of 1 to 255 characters",
                "\"CloudWatchMetrics\":[{\"Namespace\"|\"CloudWatchMetrics\":[],\"Unused\":[{\"Namespace\"|_aws.CloudWatchMetrics must be a non-empty array",
            })
    void findsEachKindOfViolation(String from, String to, String expected) throws Exception {
        var found = violations(VALID.replace(from, to));
        assertTrue(found.stream().anyMatch(v -> v.startsWith(expected)), found.toString());
    }
}
