package io.github.kdastepscaling;

import software.amazon.awscdk.services.s3.IBucket;

/**
 * Where {@link ApplicationCode#bind} found the job's jar.
 *
 * @param bucket the bucket
 * @param fileKey the object's key
 * @param objectVersion the object's version, or null for the latest
 */
public record ApplicationCodeConfig(IBucket bucket, String fileKey, String objectVersion) {

    /** @throws IllegalArgumentException when the bucket or the key is missing */
    public ApplicationCodeConfig {
        if (bucket == null || fileKey == null || fileKey.isEmpty()) {
            throw new IllegalArgumentException("applicationProps.code: the code's location needs a bucket and a "
                    + "fileKey, got " + bucket + " and " + fileKey);
        }
    }
}
