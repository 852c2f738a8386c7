package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.RecordedRescale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of the rescale history: bounded, and unreadable entries are dropped (their snapshots kept). */
class RescaleHistoryTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00.123Z");

    @Test
    void encodesAndDecodesOldestFirst() {
        List<RecordedRescale> rescales = List.of(new RecordedRescale(7, T), new RecordedRescale(9, T.plusSeconds(60)));

        String value = RescaleHistory.encode(rescales);

        assertEquals("7@1796378400123 9@1796378460123", value);
        assertEquals(rescales, RescaleHistory.decode(value));
    }

    @Test
    void keepsTheNewestHundredWithinAStandardParameter() {
        List<RecordedRescale> rescales = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            rescales.add(new RecordedRescale(1_000_000_000L + i, T.plusSeconds(i)));
        }

        String value = RescaleHistory.encode(rescales);
        List<RecordedRescale> decoded = RescaleHistory.decode(value);

        assertEquals(RescaleHistory.CAPACITY, decoded.size());
        assertEquals(rescales.get(50), decoded.get(0));
        assertTrue(value.length() <= 4096, "a standard SSM parameter holds 4 KB: " + value.length());
    }

    @Test
    void noneAndUnreadableEntriesDecodeToNothing() {
        assertEquals(List.of(), RescaleHistory.decode("none"));
        assertEquals("none", RescaleHistory.encode(List.of()));
        assertEquals(
                List.of(new RecordedRescale(3, T)),
                RescaleHistory.decode("garbage 3@" + T.toEpochMilli() + " 0@5 x@y"));
    }
}
