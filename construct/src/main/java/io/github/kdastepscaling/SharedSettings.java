package io.github.kdastepscaling;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The settings of the parts a fleet shares (log groups, the scaling endpoint, the deploy-time handlers): a single
 * application's {@link ResolvedProps}, or a {@link KdaStepScalingFleet}'s own, so the same factories build both.
 */
interface SharedSettings {

    RetentionDays logRetention();

    /** The customer managed key of every log group, or null for CloudWatch Logs' own keys. */
    IKey logEncryptionKey();

    String stageName();

    EndpointAccess endpointAccess();

    boolean tracing();
}
