package io.github.kdastepscaling.lambda;

import java.util.Optional;

/**
 * Which application an API call's {@code scalableTargetDimensionId} names: the one application a single scaler
 * serves, or (fleet mode, {@link FleetApplications}) any application registered in the fleet.
 */
interface ScaledApplications {

    /**
     * The application registered as {@code dimensionId}, with a scaler for it; empty when none is.
     *
     * @throws ConfigurationException when its configuration is unusable (the API answers 500, touching nothing)
     * @throws software.amazon.awssdk.core.exception.SdkException when the registration cannot be read
     */
    Optional<ScaledApplication> find(String dimensionId);

    /** Why {@code dimensionId} is not served, for the 404 answer. */
    String unknown(String dimensionId);

    /** One application and the scaler that decides for it. */
    record ScaledApplication(ScalerConfiguration configuration, Scaler scaler) {}

    /** The single application a scaler configured from its environment serves. */
    static ScaledApplications single(ScalerConfiguration configuration, Scaler scaler) {
        ScaledApplication only = new ScaledApplication(configuration, scaler);
        return new ScaledApplications() {
            @Override
            public Optional<ScaledApplication> find(String dimensionId) {
                return configuration.applicationName().equals(dimensionId) ? Optional.of(only) : Optional.empty();
            }

            @Override
            public String unknown(String dimensionId) {
                return "scalable target dimension " + dimensionId + " does not exist; this endpoint scales "
                        + "application " + configuration.applicationName();
            }
        };
    }
}
