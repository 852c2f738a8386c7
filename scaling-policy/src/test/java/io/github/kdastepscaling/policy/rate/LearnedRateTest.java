package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearnedRateTest {

    @Test
    void roundTripsThroughItsText() {
        LearnedRate state = new LearnedRate(1312.5, 1000, 1000, 29_000_000, 28_999_940);
        assertEquals("v1 rate=1312.5 configured=1000 anchor=1000 anchorAt=29000000 probeAt=28999940", state.text());
        assertEquals(state, LearnedRate.parse(state.text()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|learned rate state () must be text like 'v1 rate=1000",
                "rate=1000|learned rate state (rate=1000) must be text like",
                "v2 rate=1000 configured=1000 anchor=1000 anchorAt=1 probeAt=1|learned rate state (v2 rate=1000",
                "v1 rate=NaN configured=1000 anchor=1000 anchorAt=1 probeAt=1|must be text like",
                "v1 rate=-5 configured=1000 anchor=1000 anchorAt=1 probeAt=1|: rate (-5) must be a positive number",
                "v1 rate=0 configured=1000 anchor=1000 anchorAt=1 probeAt=1|: rate (0) must be a positive number",
                "v1 rate=1000 configured=1000 anchor=1000 anchorAt=99999999999999999999 probeAt=1|must be text like",
                "v1 rate=1000 configured=1000 anchor=1000 anchorAt=9999999999999999999 probeAt=1|anchorAt (9999999999999999999) must be a minute",
                "v1 rate=1000 configured=1000 anchor=1000 anchorAt=1 probeAt=1 extra=2|must be text like",
                "v1 rate=1E400 configured=1000 anchor=1000 anchorAt=1 probeAt=1|rate (Infinity) must be a positive number"
            })
    void failsOnMalformedText(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearnedRate.parse(text));
        assertEquals(true, e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void failsOnNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearnedRate.parse(null));
        assertEquals(true, e.getMessage().startsWith("learned rate state (null) must be text like"), e.getMessage());
    }
}
