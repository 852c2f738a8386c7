package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.simulator.ReferenceScenarios.Sizing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Renders the chart gallery of docs/img: for every reference trace, and a week of the diurnal pattern, the default
 * policy (maxCapacity {@link ReferenceScenarios#MAX_CAPACITY}) configured 1.43x the true rate with learning on, so the
 * lag guard, the backlog and the learned rate all show, on wall-clock time from Monday 2 March 2026 00:00 UTC. Run
 * from the repository root: {@code java -cp simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.ChartGallery [directory]} (default {@code docs/img}).
 */
public final class ChartGallery {

    /** A Monday, so the week's ticks read Mon..Sun. */
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private ChartGallery() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "docs/img");
        Files.createDirectories(directory);
        for (String name : ReferenceTraces.allNames()) {
            render(ReferenceTraces.load(name), directory.resolve("chart-" + name + ".png"));
        }
        render(MultiDayTraces.generate("diurnal", 7), directory.resolve("chart-diurnal-week.png"));
    }

    private static void render(Trace trace, Path file) throws IOException {
        SimulationSettings settings = ReferenceScenarios.settings(
                        ReferenceScenarios.defaultPolicy(), Sizing.CONFIGURED_HIGH)
                .withLearning(LearningSettings.ON);
        ChartRenderer.write(Simulator.run(trace.startingAt(START), settings), file);
        System.out.println(file);
    }
}
