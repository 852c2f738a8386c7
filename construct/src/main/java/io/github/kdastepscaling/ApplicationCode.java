package io.github.kdastepscaling;

import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.assets.AssetProps;
import software.constructs.Construct;

/**
 * Where a Flink application's code (its jar) is stored: an S3 object, or a local file shipped as an asset. Open like
 * the Managed Flink L2's {@code ApplicationCode}: extend it, and return the location from {@link #bind}.
 */
public abstract class ApplicationCode {

    /** The jar is the object {@code fileKey} in {@code bucket}, its latest version. */
    public static ApplicationCode fromBucket(IBucket bucket, String fileKey) {
        return fromBucket(bucket, fileKey, null);
    }

    /**
     * The jar is version {@code objectVersion} of the object {@code fileKey} in {@code bucket} (a versioned bucket):
     * a new version is a new deploy of the job, and an unchanged one never redeploys it by accident.
     *
     * @param objectVersion the S3 object version, or null for the latest
     * @throws IllegalArgumentException when the bucket or the key is missing
     */
    public static ApplicationCode fromBucket(IBucket bucket, String fileKey, String objectVersion) {
        require(bucket != null, "applicationProps.code: fromBucket needs a bucket");
        require(fileKey != null && !fileKey.isEmpty(), "applicationProps.code: fromBucket needs a fileKey");
        return new ApplicationCode() {
            @Override
            public ApplicationCodeConfig bind(Construct scope) {
                return new ApplicationCodeConfig(bucket, fileKey, objectVersion);
            }
        };
    }

    /** The jar is a local file, uploaded to the bootstrap bucket as an S3 asset at deploy time. */
    public static ApplicationCode fromAsset(String path) {
        return fromAsset(path, AssetOptions.builder().build());
    }

    /**
     * The jar is a local file, uploaded as an S3 asset with {@code options} (an asset hash, bundling, readers...).
     *
     * @throws IllegalArgumentException when the path is missing
     */
    public static ApplicationCode fromAsset(String path, AssetOptions options) {
        require(path != null && !path.isEmpty(), "applicationProps.code: fromAsset needs a path");
        AssetOptions given = options != null ? options : AssetOptions.builder().build();
        return new ApplicationCode() {
            @Override
            public ApplicationCodeConfig bind(Construct scope) {
                Asset asset = new Asset(
                        scope,
                        "Code",
                        AssetProps.builder()
                                .path(path)
                                .assetHash(given.getAssetHash())
                                .assetHashType(given.getAssetHashType())
                                .bundling(given.getBundling())
                                .exclude(given.getExclude())
                                .followSymlinks(given.getFollowSymlinks())
                                .ignoreMode(given.getIgnoreMode())
                                .readers(given.getReaders())
                                .deployTime(given.getDeployTime())
                                .build());
                return new ApplicationCodeConfig(asset.getBucket(), asset.getS3ObjectKey(), null);
            }
        };
    }

    protected ApplicationCode() {}

    /**
     * Resolves the location, creating what it needs (an asset, say) under {@code scope}. Called once, when the
     * application is created.
     */
    public abstract ApplicationCodeConfig bind(Construct scope);

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
