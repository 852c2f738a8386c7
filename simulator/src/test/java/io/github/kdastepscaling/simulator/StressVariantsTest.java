package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StressVariantsTest {

    private static double[] values(Trace t) {
        double[] v = new double[t.length()];
        for (int m = 0; m < v.length; m++) {
            v[m] = t.load(m);
        }
        return v;
    }

    @Test
    void everyVariantIsAsLongAsTheTrainingTraceAndTheNominalOneIsItself() {
        Trace train = MultiDayTraces.generate("bursts", 3).slice(0, 2 * 1440);
        List<StressVariants.Variant> variants = StressVariants.of(train);
        assertEquals(StressVariants.NOMINAL, variants.get(0).name());
        assertArrayEquals(values(train), values(variants.get(0).trace()));
        assertEquals(5 + StressVariants.RESAMPLES, variants.size());
        for (StressVariants.Variant v : variants) {
            assertEquals(train.length(), v.trace().length(), v.name());
        }
    }

    @Test
    void aTraceShorterThanTwoDaysHasNoBusiestDayVariant() {
        Trace train = ReferenceTraces.load("bursts");
        assertTrue(StressVariants.of(train).stream().noneMatch(v -> v.name().startsWith("busiest day")));
    }

    @Test
    void theBusierVariantRaisesEveryMinuteAndTheSteeperOneKeepsTheLevels() {
        Trace train = ReferenceTraces.load("ramp");
        assertEquals(
                train.peak() * StressVariants.BUSIER,
                StressVariants.scaled(train, StressVariants.BUSIER).peak(),
                1e-9);
        Trace steeper = StressVariants.steeper(train);
        assertEquals(train.load(20), steeper.load(10));
        assertEquals(train.load(0), steeper.load(train.length() / 2));
        double[] sorted = values(StressVariants.reversed(train));
        double[] original = values(train);
        Arrays.sort(sorted);
        Arrays.sort(original);
        assertArrayEquals(original, sorted);
    }

    @Test
    void theBusiestDayVariantGivesEveryDayTheBusiestDaysPeak() {
        Trace train = MultiDayTraces.generate("diurnal", 4).slice(0, 3 * 1440);
        Trace busiest = StressVariants.busiestDayEveryDay(train);
        for (int d = 0; d < 3; d++) {
            assertEquals(train.peak(), busiest.slice(d * 1440, (d + 1) * 1440).peak(), 1e-6, "day " + d);
        }
    }

    @Test
    void aResampledVariantIsDeterministicAndMadeOfTheHistorysOwnBlocks() {
        Trace train = ReferenceTraces.load("bursts");
        Trace a = StressVariants.resampled(train, 3);
        assertArrayEquals(values(a), values(StressVariants.resampled(train, 3)));
        double[] source = values(train);
        for (int block = 0; block < a.length(); block += StressVariants.BLOCK_MINUTES) {
            double first = a.load(block);
            double second = a.load(block + 1);
            boolean found = false;
            for (int i = 0; i + 1 < source.length && !found; i++) {
                found = source[i] == first && source[i + 1] == second;
            }
            assertTrue(found, "block at " + block);
        }
    }

    @Test
    void theMultiDayTracesEndOnACampaignDayAboveAnythingSeen() {
        for (String pattern : MultiDayTraces.PATTERNS) {
            Trace week = MultiDayTraces.generate(pattern, 7);
            assertEquals(7 * 1440, week.length());
            double seen = week.slice(0, 6 * 1440).peak();
            double campaign = week.slice(6 * 1440, 7 * 1440).peak();
            assertTrue(campaign > 1.05 * seen, pattern + ": " + campaign + " vs " + seen);
            assertArrayEquals(values(week), values(MultiDayTraces.generate(pattern, 7)), pattern);
        }
    }

    @Test
    void failsForAnUnknownPatternOrTooFewDays() {
        assertEquals(
                "no multi-day pattern named 'sawtooth' (known: [step, ramp, diurnal, bursts])",
                assertThrows(IllegalArgumentException.class, () -> MultiDayTraces.generate("sawtooth", 3))
                        .getMessage());
        assertEquals(
                "days (1) must be >= 2",
                assertThrows(IllegalArgumentException.class, () -> MultiDayTraces.generate("step", 1))
                        .getMessage());
    }
}
