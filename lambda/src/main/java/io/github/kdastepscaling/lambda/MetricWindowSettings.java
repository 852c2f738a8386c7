package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.MetricSeries;
import io.github.kdastepscaling.contract.MetricSeriesText;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learning metrics the construct configured: which series to read and how many minutes of them.
 *
 * @param series        the series, read in one GetMetricData call
 * @param windowMinutes how many whole minutes, ending at the last complete one
 */
public record MetricWindowSettings(List<MetricSeries> series, int windowMinutes) {

    public MetricWindowSettings {
        series = List.copyOf(series);
        MetricSeriesText.encode(series); // the same checks as the construct's: non-empty, unique ids, at most 500
        MetricSeriesText.encodeWindowMinutes(windowMinutes);
    }

    /**
     * Reads {@link ScalerEnvironment#LEARNING_METRICS} and {@link ScalerEnvironment#LEARNING_WINDOW_MINUTES}.
     *
     * @return empty when {@code LEARNING_METRICS} is not set (learning off)
     * @throws ConfigurationException naming the variable and its value when either is malformed, or when the window
     *                                is missing while the series are set
     */
    public static Optional<MetricWindowSettings> fromEnvironment(Map<String, String> environment) {
        String series = environment.get(ScalerEnvironment.LEARNING_METRICS);
        if (series == null || series.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MetricWindowSettings(
                    MetricSeriesText.parse(ScalerEnvironment.LEARNING_METRICS, series),
                    MetricSeriesText.parseWindowMinutes(
                            ScalerEnvironment.LEARNING_WINDOW_MINUTES,
                            environment.get(ScalerEnvironment.LEARNING_WINDOW_MINUTES))));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
