package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.rate.RateLearningSettings;

/**
 * The per-KPU rate learning the construct configured.
 *
 * @param metrics                  the series read on each scheduled reconcile, in one GetMetricData call
 * @param learnedRateParameterName the SSM parameter that keeps the estimator's state between reconciles
 * @param settings                 how the estimator learns; its window is {@code metrics}' window
 */
public record LearningConfiguration(
        MetricWindowSettings metrics, String learnedRateParameterName, RateLearningSettings settings) {}
