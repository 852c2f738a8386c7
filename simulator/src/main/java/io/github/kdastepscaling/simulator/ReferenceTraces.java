package io.github.kdastepscaling.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The reference traces the defaults are tuned on, generated deterministically ({@link Random} with fixed seeds; its
 * algorithm is fixed by its specification) and shipped as {@code traces/NAME.csv} resources. Regenerate with
 * {@code java -cp simulator/target/kda-step-scaling-simulator.jar io.github.kdastepscaling.simulator.ReferenceTraces
 * simulator/src/main/resources/traces}; a test checks the shipped files equal the generator's output.
 *
 * <p>All stay within 8 KPUs at 1000 records/s per KPU (the default maxCapacity), with a few percent of noise so
 * that no load sits exactly on a threshold:
 * <ul>
 *   <li>{@code step}: 6 h; 1,200 records/s, a step to 5,600 at minute 60, back to 1,200 at minute 180;</li>
 *   <li>{@code ramp}: 8 h; 600 records/s, a 3-hour ramp to 7,200, an hour there, a 3-hour ramp down;</li>
 *   <li>{@code diurnal}: 24 h; a daily curve from 500 records/s at 04:00 to 7,100 at 16:00;</li>
 *   <li>{@code bursts}: 12 h; 2,500 records/s with bursts of 5 to 20 minutes to 4,000..7,000 every 1 to 2 hours;</li>
 *   <li>{@code bursts-on-boundary} (extra, outside the bars): the same bursts on a base of 2,000 records/s, which
 *       sits on the 2-KPU boundary, so that the noise crosses it every few minutes.</li>
 * </ul>
 */
public final class ReferenceTraces {

    /** The traces the defaults must meet the bars on. */
    public static final List<String> NAMES = List.of("step", "ramp", "diurnal", "bursts");
    /** Shipped too, but outside the bars: see docs/tuning.md. */
    public static final List<String> EXTRA_NAMES = List.of("bursts-on-boundary");

    private ReferenceTraces() {}

    /** Generates the named trace. */
    public static Trace generate(String name) {
        return switch (name) {
            case "step" -> step();
            case "ramp" -> ramp();
            case "diurnal" -> diurnal();
            case "bursts" -> bursts("bursts", 2500);
            case "bursts-on-boundary" -> bursts("bursts-on-boundary", 2000);
            default ->
                throw new IllegalArgumentException(
                        "no reference trace named '" + name + "' (known: " + allNames() + ")");
        };
    }

    /** Reads the shipped trace {@code traces/NAME.csv} from the classpath. */
    public static Trace load(String name) {
        String resource = "/traces/" + name + ".csv";
        try (InputStream in = ReferenceTraces.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return TraceReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), name + ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TraceFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The trace as CSV, values rounded to 0.1 record/s. */
    public static String csv(Trace trace) {
        StringBuilder csv = new StringBuilder(TraceReader.HEADER).append('\n');
        for (int m = 0; m < trace.length(); m++) {
            csv.append(trace.firstMinute() + m)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.1f", trace.load(m)))
                    .append('\n');
        }
        return csv.toString();
    }

    /** Writes every reference trace as {@code DIR/NAME.csv}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "simulator/src/main/resources/traces");
        Files.createDirectories(dir);
        for (String name : allNames()) {
            Path file = dir.resolve(name + ".csv");
            Files.writeString(file, csv(generate(name)), StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
    }

    /** The reference traces and the extra ones. */
    public static List<String> allNames() {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(EXTRA_NAMES);
        return all;
    }

    private static Trace step() {
        Random noise = new Random(1);
        double[] values = new double[360];
        for (int m = 0; m < values.length; m++) {
            double base = m >= 60 && m < 180 ? 5600 : 1200;
            values[m] = round(base * (1 + 0.03 * (2 * noise.nextDouble() - 1)));
        }
        return Trace.of("step", values);
    }

    private static Trace ramp() {
        Random noise = new Random(2);
        double[] values = new double[480];
        for (int m = 0; m < values.length; m++) {
            double base;
            if (m < 30) {
                base = 600;
            } else if (m < 210) {
                base = 600 + (7200 - 600) * (m - 30) / 180.0;
            } else if (m < 270) {
                base = 7200;
            } else if (m < 450) {
                base = 7200 - (7200 - 600) * (m - 270) / 180.0;
            } else {
                base = 600;
            }
            values[m] = round(base * (1 + 0.03 * (2 * noise.nextDouble() - 1)));
        }
        return Trace.of("ramp", values);
    }

    private static Trace diurnal() {
        Random noise = new Random(3);
        double[] values = new double[1440];
        for (int m = 0; m < values.length; m++) {
            double base = 3800 - 3300 * Math.cos(2 * Math.PI * (m - 240) / 1440.0);
            values[m] = round(base * (1 + 0.04 * (2 * noise.nextDouble() - 1)));
        }
        return Trace.of("diurnal", values);
    }

    private static Trace bursts(String name, double baseLevel) {
        Random random = new Random(4);
        double[] values = new double[720];
        int nextBurst = 30 + random.nextInt(60);
        int burstEnd = -1;
        double burstLevel = 0;
        for (int m = 0; m < values.length; m++) {
            if (m == nextBurst) {
                burstEnd = m + 5 + random.nextInt(16);
                burstLevel = 4000 + 3000 * random.nextDouble();
                nextBurst = burstEnd + 60 + random.nextInt(61);
            }
            double base = m < burstEnd ? burstLevel : baseLevel;
            values[m] = round(base * (1 + 0.05 * (2 * random.nextDouble() - 1)));
        }
        return Trace.of(name, values);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
