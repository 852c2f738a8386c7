package io.github.kdastepscaling.lambda.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;

/**
 * Starts an application the stack has just created, and tells when it runs. CloudFormation creates a Managed Flink
 * application READY (stopped); without this a first {@code cdk deploy} leaves a job that processes nothing until
 * someone starts it.
 *
 * <p>Only an application this deploy created is started: the resource acts on its own create, or on an update that
 * replaced the application (a new name), and then only if the application was created within
 * {@link #CREATED_WITHIN}. So adding {@code startApplication} to a stack whose application a person stopped on purpose
 * does not start it, and neither does any later deploy.
 */
final class StartOnCreate {

    /** What {@link #onEvent} did. */
    record Started(boolean started, String reason) {}

    /** How recent the application's creation must be for this deploy to have created it. */
    static final Duration CREATED_WITHIN = Duration.ofHours(1);

    private final KinesisAnalyticsV2Client client;
    private final Clock clock;

    StartOnCreate(KinesisAnalyticsV2Client client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Starts the application when the event created it and it is READY. */
    Started onEvent(String requestType, String applicationName, String previousApplicationName, String restoreType) {
        boolean created = requestType.equals("Create")
                || requestType.equals("Update") && !applicationName.equals(previousApplicationName);
        if (!created) {
            return new Started(
                    false,
                    requestType + ": the application was not created by this deploy, so it is " + "left as it is");
        }
        ApplicationDetail detail = describe(applicationName);
        String status = detail.applicationStatusAsString();
        if (!status.equals("READY")) {
            return new Started(false, "application " + applicationName + " is " + status + ", not READY: not started");
        }
        Instant createdAt = detail.createTimestamp();
        if (createdAt == null || createdAt.isBefore(clock.instant().minus(CREATED_WITHIN))) {
            return new Started(
                    false,
                    "application " + applicationName + " was created at " + createdAt + ", before "
                            + "this deploy: it is stopped on purpose or by hand, so it is left READY");
        }
        client.startApplication(r -> r.applicationName(applicationName)
                .runConfiguration(c -> c.applicationRestoreConfiguration(
                        a -> a.applicationRestoreType(ApplicationRestoreType.fromValue(restoreType)))));
        return new Started(true, "started application " + applicationName + " (" + restoreType + ")");
    }

    /**
     * Whether a start this resource made has finished.
     *
     * @return true once RUNNING, false while STARTING
     * @throws IllegalStateException when the application fell back to READY (the job could not start) or is in a
     *     status a start never leads to
     */
    boolean isComplete(String applicationName) {
        String status = status(applicationName);
        return switch (status) {
            case "RUNNING" -> true;
            case "STARTING", "UPDATING", "AUTOSCALING" -> false;
            default ->
                throw new IllegalStateException("application " + applicationName + " did not start: it is "
                        + status + " after StartApplication; its log group says why (a job that fails at start goes "
                        + "back to READY). Start it by hand once fixed; later deploys do not start it");
        };
    }

    private String status(String applicationName) {
        return describe(applicationName).applicationStatusAsString();
    }

    private ApplicationDetail describe(String applicationName) {
        return client.describeApplication(r -> r.applicationName(applicationName))
                .applicationDetail();
    }
}
