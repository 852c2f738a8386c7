package io.github.kdastepscaling.lambda;

import java.time.Clock;
import java.util.Optional;

/**
 * Fleet mode's answer to which application a dimension id names: the configuration registered under it
 * ({@code GetParameter} of {@code <FLEET_CONFIGURATION_PATH>/applications/<dimensionId>}), with a scaler built for
 * it. Building a {@link Scaler} makes no call, so one per request costs nothing worth caching.
 */
final class FleetApplications implements ScaledApplications {

    private final FleetConfigurations configurations;
    private final ScalerClients clients;
    private final Clock clock;

    FleetApplications(FleetConfigurations configurations, ScalerClients clients, Clock clock) {
        this.configurations = configurations;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Optional<ScaledApplication> find(String dimensionId) {
        return configurations.find(dimensionId).map(this::scaled);
    }

    /** The scaler for one registered application. */
    ScaledApplication scaled(ScalerConfiguration configuration) {
        return new ScaledApplication(configuration, new Scaler(configuration, clients, clock));
    }

    @Override
    public String unknown(String dimensionId) {
        return "scalable target dimension " + dimensionId + " does not exist: no application of this fleet is "
                + "registered under it ("
                + (FleetConfigurations.isApplicationName(dimensionId)
                        ? "no parameter " + configurations.parameterName(dimensionId)
                        : "it is not a Flink application name")
                + ")";
    }
}
