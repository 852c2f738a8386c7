package io.github.kdastepscaling.lambda;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * The scaler in fleet mode ({@code FLEET_CONFIGURATION_PATH} set): one function serving every application registered
 * under that path. The API finds the application a request names by its dimension id ({@link FleetApplications});
 * the schedule reconciles them all ({@link FleetReconcile}). Decision lines and metrics name each application.
 */
final class FleetScaler {

    private final FleetConfigurations configurations;
    private final FleetApplications applications;
    private final ScalableTargetApi api;
    private final FleetReconcile reconcile;
    private final ScalerClients clients;
    private final DecisionLog log;

    /** @param fleetPath {@code FLEET_CONFIGURATION_PATH}, checked by {@link FleetConfigurations#fleetPath} */
    FleetScaler(String fleetPath, ScalerClients clients, PrintStream logOutput, Clock clock) {
        this.clients = clients;
        this.configurations = new FleetConfigurations(clients.ssm(), fleetPath);
        this.applications = new FleetApplications(configurations, clients, clock);
        // No default application: a request refused before its application is known has no metrics.
        this.log = new DecisionLog(logOutput, null);
        this.api = new ScalableTargetApi(applications, log);
        this.reconcile = new FleetReconcile(configurations, applications, log);
    }

    ScalableTargetApi api() {
        return api;
    }

    /** The scheduled reconcile of every registered application, within {@code budget}; see {@link FleetReconcile}. */
    String reconcile(Invocation invocation, Duration budget) {
        return reconcile.run(invocation, budget);
    }

    ScalerClients clients() {
        return clients;
    }

    DecisionLog log() {
        return log;
    }

    /**
     * Before a SnapStart checkpoint: lists the fleet and primes the first usable application's scaler (read-only
     * calls, failures ignored), so the first real call does not pay for class loading.
     */
    void prime() {
        try {
            configurations.list().stream()
                    .filter(registered -> registered.configuration() != null)
                    .findFirst()
                    .ifPresent(registered -> applications
                            .scaled(registered.configuration())
                            .scaler()
                            .prime());
        } catch (RuntimeException e) {
            // Priming only warms the code path; the real calls report their own failures.
        }
    }
}
