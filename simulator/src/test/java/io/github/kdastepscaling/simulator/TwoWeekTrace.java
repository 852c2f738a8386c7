package io.github.kdastepscaling.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: writes the two-week trace (20,160 minutes) of the tuner's benchmark (docs/benchmarks.md): the diurnal
 * reference trace fourteen times, day {@code d} scaled by {@code 1 + 0.1 x (d mod 3)} and weekends (days 5, 6, 12,
 * 13) at 60%, so that days differ. Deterministic. Run: java -cp
 * simulator/target/test-classes:simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.TwoWeekTrace simulator-out/two-weeks.csv
 */
public final class TwoWeekTrace {

    public static final int DAYS = 14;

    private TwoWeekTrace() {}

    public static Trace generate() {
        Trace day = ReferenceTraces.load("diurnal");
        double[] values = new double[day.length() * DAYS];
        for (int m = 0; m < values.length; m++) {
            int d = m / day.length();
            double weekend = d % 7 >= 5 ? 0.6 : 1.0;
            values[m] = Math.round(day.load(m % day.length()) * (1 + 0.1 * (d % 3)) * weekend);
        }
        return Trace.of("two-weeks", values);
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "simulator-out/two-weeks.csv");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, ReferenceTraces.csv(generate()), StandardCharsets.UTF_8);
    }
}
