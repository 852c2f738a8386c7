package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TraceReaderTest {

    private static Trace read(String csv) throws Exception {
        return TraceReader.read(new StringReader(csv), "t.csv");
    }

    private static String failure(String csv) {
        return assertThrows(TraceFormatException.class, () -> read(csv)).getMessage();
    }

    @Test
    void readsOneValuePerMinuteWithAnEmptyValueAsNoDatapoint() throws Exception {
        Trace trace = read("minute,records_per_second\n5,100\n6,\n7,250.5\n\n");
        assertEquals(3, trace.length());
        assertEquals(5, trace.firstMinute());
        assertEquals(100, trace.datapoint(0).getAsDouble());
        assertFalse(trace.datapoint(1).isPresent());
        assertEquals(0, trace.load(1));
        assertEquals(250.5, trace.load(2));
        assertEquals(250.5, trace.peak());
        assertEquals("t.csv", trace.name());
    }

    @Test
    void failsOnABadHeader() {
        assertEquals(
                "t.csv line 1: expected the header 'minute,records_per_second', found 'minute,rps'",
                failure("minute,rps\n0,1\n"));
        assertEquals("t.csv line 1: expected the header 'minute,records_per_second', found an empty file", failure(""));
    }

    @Test
    void failsOnANonNumericValue() {
        assertEquals(
                "t.csv line 3: records_per_second 'abc' is not a number",
                failure("minute,records_per_second\n0,1\n1,abc\n"));
        assertEquals(
                "t.csv line 2: records_per_second 'NaN' is not a finite number",
                failure("minute,records_per_second\n0,NaN\n"));
        assertEquals("t.csv line 2: minute 'one' is not a whole number", failure("minute,records_per_second\none,1\n"));
    }

    @Test
    void failsOnANegativeValue() {
        assertEquals(
                "t.csv line 4: records_per_second (-5) must not be negative",
                failure("minute,records_per_second\n0,1\n1,2\n2,-5\n"));
    }

    @Test
    void failsOnAGapInMinutes() {
        assertEquals(
                "t.csv line 3: minute 4 follows minute 1: a gap in minutes (2 to 3 missing); write one row per "
                        + "minute, with an empty records_per_second for a minute without a datapoint",
                failure("minute,records_per_second\n1,1\n4,2\n"));
        assertTrue(failure("minute,records_per_second\n1,1\n3,2\n").contains("a gap in minutes (2 missing)"));
    }

    @Test
    void failsOnMinutesOutOfOrder() {
        assertEquals(
                "t.csv line 3: minute 1 follows minute 1: minutes must increase by 1 from row to row",
                failure("minute,records_per_second\n1,1\n1,2\n"));
    }

    @Test
    void failsOnAWrongNumberOfFields() {
        assertEquals(
                "t.csv line 2: expected 2 fields (minute,records_per_second), found 3 in '0,1,2'",
                failure("minute,records_per_second\n0,1,2\n"));
    }

    @Test
    void failsWithoutRows() {
        assertEquals("t.csv line 2: no rows after the header", failure("minute,records_per_second\n\n"));
    }
}
